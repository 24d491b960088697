using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ShortUrl.Tests.Portability;

/// <summary>
/// Dumps of the other shorteners' databases, written here as their tools write them (mysqldump for YOURLS, pg_dump for
/// Shlink and Kutt), imported with the same report and all-or-nothing rule as the other formats.
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
        /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
        /*!40103 SET TIME_ZONE='+00:00' */;

        --
        -- Table structure for table `yourls_options`
        --

        DROP TABLE IF EXISTS `yourls_options`;
        CREATE TABLE `yourls_options` (
          `option_id` bigint unsigned NOT NULL AUTO_INCREMENT,
          `option_name` varchar(64) COLLATE utf8mb4_unicode_ci NOT NULL DEFAULT '',
          `option_value` longtext COLLATE utf8mb4_unicode_ci NOT NULL,
          PRIMARY KEY (`option_id`,`option_name`)
        ) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

        LOCK TABLES `yourls_options` WRITE;
        /*!40000 ALTER TABLE `yourls_options` DISABLE KEYS */;
        INSERT INTO `yourls_options` VALUES (1,'version','1.9.2'),(2,'active_plugins','a:0:{}');
        /*!40000 ALTER TABLE `yourls_options` ENABLE KEYS */;
        UNLOCK TABLES;

        --
        -- Table structure for table `yourls_url`
        --

        DROP TABLE IF EXISTS `yourls_url`;
        /*!40101 SET @saved_cs_client     = @@character_set_client */;
        /*!50503 SET character_set_client = utf8mb4 */;
        CREATE TABLE `yourls_url` (
          `keyword` varchar(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL DEFAULT '',
          `url` text CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
          `title` text COLLATE utf8mb4_unicode_ci,
          `timestamp` timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
          `ip` varchar(41) COLLATE utf8mb4_unicode_ci NOT NULL,
          `clicks` int unsigned NOT NULL,
          PRIMARY KEY (`keyword`),
          KEY `yourls_url_idx_timestamp` (`timestamp`),
          KEY `yourls_url_idx_ip` (`ip`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
        /*!40101 SET character_set_client = @saved_cs_client */;

        --
        -- Dumping data for table `yourls_url`
        --

        LOCK TABLES `yourls_url` WRITE;
        /*!40000 ALTER TABLE `yourls_url` DISABLE KEYS */;
        INSERT INTO `yourls_url` VALUES ('sqly-ozh','http://ozh.org/','Ozh\'s \"blog\"; a \\ and a ;','2024-01-01 10:00:00','127.0.0.1',12),('sqly-yourls','https://yourls.org/?a=1&b=2','YOURLS',NULL,'10.0.0.1',0),('sqly-bad','javascript:alert(1)','no','2024-01-01 10:00:00','127.0.0.1',0);
        /*!40000 ALTER TABLE `yourls_url` ENABLE KEYS */;
        UNLOCK TABLES;
        /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

        -- Dump completed on 2024-06-01 12:00:00
        """;

    [Fact]
    public async Task AYourlsMysqldumpImportsItsLinksWithTheirTitlesAndRejectsABadTarget()
    {
        var report = await ImportAsync(YourlsDump);

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["created", "created", "rejected"], rows.Select(row => row.GetProperty("status").GetString()));
        var insertLine = YourlsDump.Split('\n').ToList().FindIndex(line => line.StartsWith("INSERT INTO `yourls_url`", StringComparison.Ordinal)) + 1;
        Assert.All(rows, row => Assert.Equal(insertLine, row.GetProperty("row").GetInt32()));
        Assert.Contains("url", rows[2].GetProperty("reason").GetString());
        Assert.Equal("https://yourls.org/?a=1&b=2", (await _client.GetAsync("/sqly-yourls")).Headers.Location?.OriginalString);
        var ozh = await _client.GetFromJsonAsync<JsonElement>("/api/urls/sqly-ozh");
        Assert.Equal("http://ozh.org/", ozh.GetProperty("url").GetString());
        Assert.Equal("Ozh's \"blog\"; a \\ and a ;", ozh.GetProperty("title").GetString());
    }

    [Fact]
    public async Task AShlinkPgDumpImportsItsShortUrlsWithTagsLimitsAndForwarding()
    {
        var report = await ImportAsync("""
            --
            -- PostgreSQL database dump
            --

            -- Dumped from database version 16.2 (Debian 16.2-1.pgdg120+2)
            -- Dumped by pg_dump version 16.2 (Debian 16.2-1.pgdg120+2)

            SET statement_timeout = 0;
            SET client_encoding = 'UTF8';
            SET standard_conforming_strings = on;
            SELECT pg_catalog.set_config('search_path', '', false);
            SET default_table_access_method = heap;

            CREATE TABLE public.short_urls (
                id bigint NOT NULL,
                original_url text NOT NULL,
                short_code character varying(255) NOT NULL,
                date_created timestamp(0) without time zone NOT NULL,
                valid_since timestamp(0) without time zone,
                valid_until timestamp(0) without time zone,
                max_visits integer,
                import_source character varying(255),
                import_original_short_code character varying(255),
                domain_id bigint,
                author_api_key_id bigint,
                title character varying(512),
                title_was_auto_resolved boolean DEFAULT false NOT NULL,
                crawlable boolean DEFAULT false NOT NULL,
                forward_query boolean DEFAULT true NOT NULL
            );

            ALTER TABLE public.short_urls OWNER TO shlink;

            --
            -- Data for Name: short_urls; Type: TABLE DATA; Schema: public; Owner: shlink
            --

            COPY public.short_urls (id, original_url, short_code, date_created, valid_since, valid_until, max_visits, import_source, import_original_short_code, domain_id, author_api_key_id, title, title_was_auto_resolved, crawlable, forward_query) FROM stdin;
            1	https://shlink.io/documentation/	sqls-docs	2024-01-01 10:00:00	\N	2099-01-01 00:00:00	5	\N	\N	\N	\N	Shlink \\ docs	f	f	f
            2	https://example.com/plain	sqls-plain	2024-01-02 10:00:00	\N	\N	\N	\N	\N	\N	\N	\N	f	f	t
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


            SELECT pg_catalog.setval('public.short_urls_id_seq', 2, true);

            --
            -- PostgreSQL database dump complete
            --
            """);

        Assert.Equal(2, report.GetProperty("created").GetInt32());
        var docs = await _client.GetFromJsonAsync<JsonElement>("/api/urls/sqls-docs");
        Assert.Equal("https://shlink.io/documentation/", docs.GetProperty("url").GetString());
        Assert.Equal("Shlink \\ docs", docs.GetProperty("title").GetString());
        Assert.Equal(["docs", "shlink"], docs.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()).Order());
        Assert.Equal(5, docs.GetProperty("maxClicks").GetInt64());
        Assert.False(docs.GetProperty("forwardQuery").GetBoolean());
        Assert.StartsWith("2099-01-01T00:00:00", docs.GetProperty("expiresAt").GetString());
        Assert.Equal("https://example.com/plain", (await _client.GetAsync("/sqls-plain")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AKuttPgDumpImportsItsLinksAndRejectsThoseWithAPasswordOrBanned()
    {
        var report = await ImportAsync("""
            SET statement_timeout = 0;
            SELECT pg_catalog.set_config('search_path', '', false);
            \restrict Xq8cLm2
            COPY public.links (id, address, banned_by_id, banned, domain_id, password, target, user_id, visit_count, created_at, updated_at, description, expire_in, uuid) FROM stdin;
            1	sqlk-one	\N	f	\N	\N	https://kutt.it/	1	3	2024-01-01 10:00:00+00	2024-01-01 10:00:00+00	Kutt's home	\N	0a6b3f4e-0000-4000-8000-000000000001
            2	sqlk-secret	\N	f	\N	$2a$12$abcdefghijklmnopqrstuv	https://example.com/secret	1	0	2024-01-01 10:00:00+00	2024-01-01 10:00:00+00	\N	\N	0a6b3f4e-0000-4000-8000-000000000002
            3	sqlk-banned	1	t	\N	\N	https://example.com/spam	1	0	2024-01-01 10:00:00+00	2024-01-01 10:00:00+00	\N	\N	0a6b3f4e-0000-4000-8000-000000000003
            \.

            COPY public.visits (id, link_id, created_at, countries, referrers, br_chrome) FROM stdin;
            1	1	2024-01-01 10:00:00+00	{}	{}	3
            \.

            \unrestrict Xq8cLm2
            """);

        Assert.Equal(1, report.GetProperty("created").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());
        var rows = report.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([5, 6, 7], rows.Select(row => row.GetProperty("row").GetInt32()));
        Assert.Contains("password", rows[1].GetProperty("reason").GetString());
        Assert.Contains("banned", rows[2].GetProperty("reason").GetString());
        Assert.Equal("Kutt's home", (await _client.GetFromJsonAsync<JsonElement>("/api/urls/sqlk-one")).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/sqlk-secret")).StatusCode);
    }

    [Fact]
    public async Task ADotSqlUploadImportsLikeARawBody()
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("INSERT INTO yourls_url VALUES ('sqlu-one','https://example.com/uploaded-sql','t','2024-01-01 10:00:00','::1',0);\n"));
        form.Add(file, "file", "yourls.sql");

        var response = await _client.PostAsync("/api/urls/import", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://example.com/uploaded-sql", (await _client.GetAsync("/sqlu-one")).Headers.Location?.OriginalString);
    }

    public static TheoryData<string, int, string> HostileDumps => new()
    {
        { "INSERT INTO yourls_url VALUES ('sqlh-a','https://example.com/a','t','2024-01-01','::1',0);\nINSERT INTO yourls_url VALUES ('sqlh-b','https://example.com/b);\n", 2, "never closed" },
        { "INSERT INTO yourls_url VALUES ('sqlh-e','https://example.com/e','t','2024-01-01','::1',0);\nUPDATE yourls_url SET url = 'https://evil.example/';\n", 2, "UPDATE" },
        { "COPY public.short_urls (id, original_url, short_code) FROM stdin;\n1\thttps://example.com/f\tsqlh-f\n", 1, "never ends" },
        { "DELETE FROM links;\n", 1, "DELETE" },
        { "CREATE TABLE t (a int);\n", 0, "No links" },
    };

    [Theory]
    [MemberData(nameof(HostileDumps))]
    public async Task AHostileDumpIsRefusedWholeNamingItsLineAndCreatesNothing(string dump, int line, string words)
    {
        var response = await _client.PostAsync("/api/urls/import", new StringContent(dump, Encoding.UTF8, "application/sql"));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(words, problem.GetProperty("title").GetString() + " " + detail);
        if (line > 0)
        {
            Assert.Contains($"at line {line}:", detail);
        }

        foreach (var code in new[] { "sqlh-a", "sqlh-c", "sqlh-e", "sqlh-f" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/{code}")).StatusCode);
        }
    }

    [Fact]
    public async Task ADumpWithATenMegabyteRowIsRefusedWholeNamingItsLine()
    {
        var dump = "INSERT INTO yourls_url VALUES ('sqlh-c','https://example.com/c','t','2024-01-01','::1',0);\n\n"
            + "INSERT INTO yourls_url VALUES ('sqlh-d','https://example.com/" + new string('d', 10 * 1024 * 1024) + "','t','2024-01-01','::1',0);\n";

        var response = await _client.PostAsync("/api/urls/import", new StringContent(dump, Encoding.UTF8, "application/sql"));

        var problem = await ProblemAssert.IsProblemAsync(response, 400);
        Assert.Contains("at line 3: a row longer than 64 KiB", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/sqlh-c")).StatusCode);
    }

    private async Task<JsonElement> ImportAsync(string dump)
    {
        var response = await _client.PostAsync("/api/urls/import", new StringContent(dump, Encoding.UTF8, "application/sql"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
