using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>
/// Moving in from a database dump: YOURLS's table as mysqldump writes it, Shlink's and Kutt's as pg_dump writes them
/// (the files below are in those tools' exact formats), with the same report and all-or-nothing rule as CSV and JSON;
/// a hostile dump is refused whole, naming its line, and nothing is created.
/// </summary>
public sealed class ImportingSqlDumps(ImportingSqlDumps.Factory factory) : IClassFixture<ImportingSqlDumps.Factory>
{
    private readonly HttpClient _client = factory.CreateClient().WithKey(TestKeys.Admin);

    public sealed class Factory() : ShortUrlFactoryWith(("ShortUrl:ApiKeys:0", LinkLifecycleRequests.ApiKeyHash));

    private const string YourlsDump = """
        -- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
        --
        -- Host: localhost    Database: yourls
        -- ------------------------------------------------------
        -- Server version	8.0.36

        /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
        /*!50503 SET NAMES utf8mb4 */;
        /*!40103 SET TIME_ZONE='+00:00' */;

        --
        -- Table structure for table `yourls_url`
        --

        DROP TABLE IF EXISTS `yourls_url`;
        /*!40101 SET @saved_cs_client     = @@character_set_client */;
        /*!50503 SET character_set_client = utf8mb4 */;
        CREATE TABLE `yourls_url` (
          `keyword` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
          `url` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
          `title` text CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci,
          `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
          `ip` varchar(41) COLLATE utf8mb4_unicode_ci NOT NULL,
          `clicks` int unsigned NOT NULL,
          PRIMARY KEY (`keyword`),
          KEY `ip` (`ip`),
          KEY `timestamp` (`timestamp`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
        /*!40101 SET character_set_client = @saved_cs_client */;

        --
        -- Dumping data for table `yourls_url`
        --

        LOCK TABLES `yourls_url` WRITE;
        /*!40000 ALTER TABLE `yourls_url` DISABLE KEYS */;
        INSERT INTO `yourls_url` VALUES ('sql-ozh','http://ozh.org/','ozh.org - Ozh\'s \"home\"','2024-01-01 10:00:00','127.0.0.1',12),('sql-yourls','https://yourls.org/?a=1&b=it\'s','YOURLS: Your Own URL Shortener','2024-01-02 10:00:00','127.0.0.1',3),('sql.dot','https://example.com/dot','https://example.com/dot','2024-01-03 10:00:00','127.0.0.1',0);
        /*!40000 ALTER TABLE `yourls_url` ENABLE KEYS */;
        UNLOCK TABLES;

        LOCK TABLES `yourls_log` WRITE;
        INSERT INTO `yourls_log` VALUES (1,'2024-01-01 11:00:00','sql-ozh','direct','Mozilla/5.0','127.0.0.1','US');
        UNLOCK TABLES;
        /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

        -- Dump completed on 2024-02-01 10:00:00
        """;

    private const string ShlinkDump = """
        --
        -- PostgreSQL database dump
        --

        -- Dumped from database version 16.2
        -- Dumped by pg_dump version 16.2

        SET statement_timeout = 0;
        SET client_encoding = 'UTF8';
        SET standard_conforming_strings = on;
        SELECT pg_catalog.set_config('search_path', '', false);
        SET check_function_bodies = false;

        CREATE TABLE public.short_urls (
            id bigint NOT NULL,
            original_url text NOT NULL,
            short_code character varying(255) NOT NULL,
            date_created timestamp(0) without time zone NOT NULL,
            valid_since timestamp(0) without time zone,
            valid_until timestamp(0) without time zone,
            max_visits bigint,
            domain_id bigint,
            custom_slug_was_provided boolean DEFAULT false NOT NULL,
            import_source character varying(255),
            import_original_short_code character varying(255),
            title character varying(512),
            title_was_auto_resolved boolean DEFAULT false NOT NULL,
            crawlable boolean DEFAULT false NOT NULL,
            forward_query boolean DEFAULT true NOT NULL,
            author_api_key_id bigint
        );

        ALTER TABLE public.short_urls OWNER TO shlink;

        --
        -- Data for Name: short_urls; Type: TABLE DATA; Schema: public; Owner: shlink
        --

        COPY public.short_urls (id, original_url, short_code, date_created, valid_since, valid_until, max_visits, domain_id, custom_slug_was_provided, import_source, import_original_short_code, title, title_was_auto_resolved, crawlable, forward_query, author_api_key_id) FROM stdin;
        1	https://shlink.io/documentation/	shl-docs	2024-01-01 10:00:00	\N	2099-12-31 23:59:59	50	\N	t	\N	\N	Shlink docs	f	f	t	\N
        2	https://example.com/no-forwarding	shl-tab	2024-01-02 10:00:00	\N	\N	\N	\N	t	\N	\N	\N	f	f	f	\N
        3	https://example.com/old	shl-old	2020-01-01 10:00:00	\N	2021-01-01 00:00:00	\N	\N	t	\N	\N	\N	f	f	t	\N
        \.


        --
        -- Data for Name: short_urls_in_tags; Type: TABLE DATA; Schema: public; Owner: shlink
        --

        COPY public.short_urls_in_tags (short_url_id, tag_id) FROM stdin;
        1	1
        1	2
        \.


        --
        -- Data for Name: tags; Type: TABLE DATA; Schema: public; Owner: shlink
        --

        COPY public.tags (id, name) FROM stdin;
        1	docs
        2	shlink
        \.


        --
        -- Data for Name: visits; Type: TABLE DATA; Schema: public; Owner: shlink
        --

        COPY public.visits (id, referer, date, remote_addr, user_agent, short_url_id) FROM stdin;
        1	\N	2024-01-05 10:00:00	127.0.0.0	curl/8.0	1
        \.


        SELECT pg_catalog.setval('public.short_urls_id_seq', 3, true);

        --
        -- PostgreSQL database dump complete
        --
        """;

    private const string KuttDump = """
        --
        -- PostgreSQL database dump
        --

        SET statement_timeout = 0;
        SET client_encoding = 'UTF8';

        COPY public.links (id, address, banned, banned_by_id, created_at, domain_id, password, target, user_id, visit_count, description, expire_in, updated_at, uuid) FROM stdin;
        1	kutt-one	f	\N	2024-01-01 10:00:00+00	\N	\N	https://kutt.it/	1	7	Kutt's home	\N	2024-01-01 10:00:00+00	0b4f7a35-5b5e-4a0a-9d5c-0d3b7c9e1a11
        2	kutt-locked	f	\N	2024-01-01 10:00:00+00	\N	$2a$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW	https://example.com/locked	1	0	\N	\N	2024-01-01 10:00:00+00	1b4f7a35-5b5e-4a0a-9d5c-0d3b7c9e1a11
        3	kutt-soon	f	\N	2024-01-01 10:00:00+00	\N	\N	https://example.com/soon	1	0	\N	2099-06-01 00:00:00+00	2024-01-01 10:00:00+00	2b4f7a35-5b5e-4a0a-9d5c-0d3b7c9e1a11
        \.

        """;

    [Fact]
    public async Task AYourlsMysqldumpImportsItsLinksWithTitlesAndRejectsAKeywordShortUrlCannotHave()
    {
        var report = await _client.ImportAsync(YourlsDump, "application/sql");

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Equal(37, row.GetProperty("row").GetInt32()));
        Assert.Equal("rejected", rows.Single(r => r.GetProperty("code").GetString() == "sql.dot").GetProperty("status").GetString());
        var ozh = await _client.GetFromJsonAsync<JsonElement>("/api/urls/sql-ozh");
        Assert.Equal("http://ozh.org/", ozh.GetProperty("url").GetString());
        Assert.Equal("ozh.org - Ozh's \"home\"", ozh.GetProperty("title").GetString());
        var yourls = await _client.GetFromJsonAsync<JsonElement>("/api/urls/sql-yourls");
        Assert.Equal("https://yourls.org/?a=1&b=it's", yourls.GetProperty("url").GetString());
    }

    [Fact]
    public async Task AShlinkPgDumpImportsShortUrlsWithTheirTagsLimitsAndForwardingAndRejectsAnExpiredOne()
    {
        var report = await _client.ImportAsync(ShlinkDump, "application/sql");

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal("rejected", report.Row(42).GetProperty("status").GetString());
        Assert.StartsWith("expiresAt", report.Row(42).GetProperty("reason").GetString());
        var docs = await _client.GetFromJsonAsync<JsonElement>("/api/urls/shl-docs");
        Assert.Equal("https://shlink.io/documentation/", docs.GetProperty("url").GetString());
        Assert.Equal(["docs", "shlink"], docs.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.Equal(50, docs.GetProperty("maxClicks").GetInt64());
        Assert.Equal(new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Utc), docs.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        Assert.Equal("Shlink docs", docs.GetProperty("title").GetString());
        var tab = await _client.GetFromJsonAsync<JsonElement>("/api/urls/shl-tab");
        Assert.False(tab.GetProperty("forwardQuery").GetBoolean());
    }

    [Fact]
    public async Task AKuttPgDumpImportsItsLinksAndRejectsOneWhosePasswordOnlyItsHashKeeps()
    {
        var report = await _client.ImportAsync(KuttDump, "application/sql");

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal("rejected", report.Row(10).GetProperty("status").GetString());
        Assert.StartsWith("password", report.Row(10).GetProperty("reason").GetString());
        var one = await _client.GetFromJsonAsync<JsonElement>("/api/urls/kutt-one");
        Assert.Equal("https://kutt.it/", one.GetProperty("url").GetString());
        Assert.Equal("Kutt's home", one.GetProperty("title").GetString());
        var soon = await _client.GetFromJsonAsync<JsonElement>("/api/urls/kutt-soon");
        Assert.Equal(2099, soon.GetProperty("expiresAt").GetDateTime().Year);
        Assert.Equal(404, (int)(await _client.GetAsync("/api/urls/kutt-locked")).StatusCode);
    }

    [Fact]
    public async Task ASqlFileUploadIsReadAsADump()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(
            "INSERT INTO `yourls_url` VALUES ('sql-upload','https://example.com/upload','t','2024-01-01 10:00:00','::1',0);\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "yourls.sql");

        var response = await _client.PostAsync("/api/urls/import", form);

        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, report.GetProperty("created").GetInt32());
    }

    [Theory]
    [InlineData("INSERT INTO `yourls_url` VALUES ('h-1','https://example.com/1','t','2024-01-01 10:00:00','::1',0);\nINSERT INTO `yourls_url` VALUES ('h-2','https://example.com/2,'t','2024-01-01 10:00:00','::1',0);\n", "line 2")]
    [InlineData("INSERT INTO `yourls_url` VALUES ('h-3','https://example.com/3','t','2024-01-01 10:00:00','::1',0);\n\nUPDATE yourls_url SET url = 'https://evil.example/';\n", "line 3")]
    [InlineData("COPY public.links (id, address, target) FROM stdin;\n1\th-4\thttps://example.com/4\n", "line 1")]
    [InlineData("-- nothing of a link table\nINSERT INTO `yourls_options` VALUES (1,'version','1.9.2','yes');\n", "no rows of a link table")]
    [InlineData("DELETE FROM short_urls;\n", "line 1")]
    public async Task AHostileDumpIsRefusedWholeNamingTheLineAndNothingIsCreated(string dump, string named)
    {
        var before = await factory.CountStoredLinksAsync();

        var response = await _client.PostImportAsync(dump, "application/sql");

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains(named, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }

    [Fact]
    public async Task ADumpWithATenMegabyteRowIsRefusedNamingItsLine()
    {
        var before = await factory.CountStoredLinksAsync();
        var dump = "INSERT INTO `yourls_url` VALUES ('h-ok','https://example.com/ok','t','2024-01-01 10:00:00','::1',0),\n('h-big','https://example.com/"
            + new string('a', 10 * 1024 * 1024) + "','t','2024-01-01 10:00:00','::1',0);\n";

        var response = await _client.PostImportAsync(dump, "application/sql");

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains("line 2", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await factory.CountStoredLinksAsync());
    }
}
