namespace ShortUrl.Portability;

/// <summary>
/// The rows of a SQL dump of another shortener, read and never run: YOURLS's <c>yourls_url</c> as mysqldump writes it
/// (multi-row <c>INSERT</c>s), and the <c>COPY … FROM stdin</c> blocks pg_dump writes of Shlink's <c>short_urls</c> (with
/// its <c>tags</c> and <c>short_urls_in_tags</c>) and Kutt's <c>links</c>. The rest of a dump — its schema and session
/// statements, and the rows of the application's other tables (visits, users, options) — is passed over; any other kind
/// of statement, a string never closed or a row longer than <see cref="MaxRowChars"/> refuses the whole dump, naming
/// the line.
/// </summary>
internal static class SqlDumpImportRows
{
    /// <summary>Far above a link's longest row (a 4,096-character target, a 512-character title): a longer one is not a link.</summary>
    public const int MaxRowChars = 64 * 1024;

    /// <summary>What a dump may say besides its data, all of it passed over: schema, session and transaction statements.</summary>
    private static readonly HashSet<string> PassedOver = new(StringComparer.OrdinalIgnoreCase)
    {
        "SET", "CREATE", "ALTER", "DROP", "LOCK", "UNLOCK", "COMMENT", "GRANT", "REVOKE", "START", "BEGIN", "COMMIT", "USE",
    };

    /// <summary>yourls_url's columns in the order of its CREATE TABLE, for INSERTs that do not name them (mysqldump's default).</summary>
    private static readonly string[] YourlsColumns = ["keyword", "url", "title", "timestamp", "ip", "clicks"];

    public static async Task<BodyRead<List<ImportRow>>> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var dump = new DumpLinks(maxRows);
        try
        {
            Read(new SqlDumpLexer(await reader.ReadToEndAsync(cancellationToken)), dump);
        }
        catch (SqlDumpException e)
        {
            return BodyProblem.Invalid("Invalid SQL dump", $"The dump cannot be read at line {e.Line}: {e.Message}. Nothing was imported.");
        }
        catch (TooManyRowsException)
        {
            return ImportReader.TooManyRows(maxRows);
        }

        if (!dump.SawLinkTable)
        {
            return BodyProblem.Invalid("No links in the dump",
                "The dump has no rows of a link table: YOURLS's yourls_url (INSERT), Shlink's short_urls or Kutt's links "
                + "(COPY … FROM stdin, as pg_dump writes them). Nothing was imported.");
        }

        return dump.ToRows();
    }

    private static void Read(SqlDumpLexer lexer, DumpLinks dump)
    {
        while (!lexer.AtEnd)
        {
            if (lexer.TryTake(';'))
            {
                continue;
            }

            var line = lexer.Line;
            if (lexer.Peek() == '\\')
            {
                // psql's meta-commands, which pg_dump writes too (\connect, \restrict): a line each, nothing of links.
                lexer.DataLine();
                continue;
            }

            var keyword = lexer.Word() ?? throw new SqlDumpException(line, $"'{lexer.Peek()}' does not start a statement");
            if (keyword.Equals("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                ReadInsert(lexer, dump);
            }
            else if (keyword.Equals("COPY", StringComparison.OrdinalIgnoreCase))
            {
                ReadCopy(lexer, line, dump);
            }
            else if (PassedOver.Contains(keyword)
                || (keyword.Equals("SELECT", StringComparison.OrdinalIgnoreCase) && lexer.Name().StartsWith("pg_catalog.", StringComparison.OrdinalIgnoreCase)))
            {
                // pg_dump's SELECT pg_catalog.set_config(...) and setval(...) set the session and sequences, nothing else.
                lexer.SkipStatement();
            }
            else
            {
                throw new SqlDumpException(line, $"{keyword.ToUpperInvariant()} is not a statement a dump of links holds (only INSERT and COPY rows are read)");
            }
        }
    }

    private static void ReadInsert(SqlDumpLexer lexer, DumpLinks dump)
    {
        lexer.TryWord("IGNORE");
        if (!lexer.TryWord("INTO"))
        {
            throw new SqlDumpException(lexer.Line, "expected INTO after INSERT");
        }

        var table = TableName(lexer.Name());
        var columns = lexer.Peek() == '(' ? ColumnNames(lexer) : null;
        if (!lexer.TryWord("VALUES") && !lexer.TryWord("VALUE"))
        {
            throw new SqlDumpException(lexer.Line, "expected VALUES: only INSERT … VALUES rows are read");
        }

        var yourls = table.EndsWith("url", StringComparison.OrdinalIgnoreCase);
        do
        {
            var line = lexer.Line;
            var start = lexer.Position;
            lexer.Expect('(', "'(' to open a row");
            var values = new List<string?>();
            do
            {
                values.Add(lexer.Value());
                BoundRow(lexer.Position - start, line);
            }
            while (lexer.TryTake(','));

            lexer.Expect(')', "')' to close the row");
            if (yourls)
            {
                dump.AddYourls(line, new DumpRow(columns ?? YourlsColumns, values));
            }
        }
        while (lexer.TryTake(','));

        if (!lexer.TryTake(';') && !lexer.AtEnd)
        {
            throw new SqlDumpException(lexer.Line, "expected ';' after the rows");
        }
    }

    private static void ReadCopy(SqlDumpLexer lexer, int line, DumpLinks dump)
    {
        var table = TableName(lexer.Name());
        var columns = lexer.Peek() == '(' ? ColumnNames(lexer)
            : throw new SqlDumpException(line, "a COPY that does not name its columns (pg_dump always does)");
        if (!lexer.TryWord("FROM") || !lexer.TryWord("stdin"))
        {
            throw new SqlDumpException(line, "only COPY … FROM stdin blocks are read");
        }

        lexer.Expect(';', "';' after COPY … FROM stdin");
        lexer.ToNextLine();
        while (true)
        {
            var dataLine = lexer.Line;
            var text = lexer.DataLine() ?? throw new SqlDumpException(line, "a COPY block that never ends with a line '\\.'");
            if (text == "\\.")
            {
                return;
            }

            BoundRow(text.Length, dataLine);
            var row = new DumpRow(columns, text.Split('\t').Select(CopyValue).ToList());
            if (row.Values.Count != columns.Count)
            {
                throw new SqlDumpException(dataLine, $"a row of {row.Values.Count} fields where the COPY names {columns.Count} columns");
            }

            dump.AddCopied(table, dataLine, row);
        }
    }

    private static IReadOnlyList<string> ColumnNames(SqlDumpLexer lexer)
    {
        lexer.Expect('(', "'('");
        var names = new List<string>();
        do
        {
            names.Add(lexer.Name());
        }
        while (lexer.TryTake(','));

        lexer.Expect(')', "')' after the column names");
        return names;
    }

    private static string TableName(string qualified) => qualified[(qualified.LastIndexOf('.') + 1)..];

    private static void BoundRow(int length, int line)
    {
        if (length > MaxRowChars)
        {
            throw new SqlDumpException(line, $"a row longer than {MaxRowChars / 1024} KiB, which no link needs");
        }
    }

    /// <summary>A field of COPY's text format: \N is NULL, and backslash escapes stand for tabs, newlines and the rest.</summary>
    private static string? CopyValue(string field)
    {
        if (field == "\\N")
        {
            return null;
        }

        if (!field.Contains('\\'))
        {
            return field;
        }

        var value = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                value.Append(field[i]);
                continue;
            }

            var escaped = field[++i];
            if (escaped is >= '0' and <= '7')
            {
                var digits = 1;
                while (digits < 3 && i + digits < field.Length && field[i + digits] is >= '0' and <= '7')
                {
                    digits++;
                }

                value.Append((char)Convert.ToInt32(field.Substring(i, digits), 8));
                i += digits - 1;
                continue;
            }

            value.Append(escaped switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                _ => escaped,
            });
        }

        return value.ToString();
    }

    private sealed record DumpRow(IReadOnlyList<string> Columns, List<string?> Values)
    {
        public string? this[string column]
        {
            get
            {
                for (var i = 0; i < Columns.Count; i++)
                {
                    if (Columns[i].Equals(column, StringComparison.OrdinalIgnoreCase))
                    {
                        return i < Values.Count ? Values[i] : null;
                    }
                }

                return null;
            }
        }
    }

    private sealed class TooManyRowsException : Exception;

    /// <summary>The links of a dump in the order they came; Shlink's tags join theirs at the end, since pg_dump writes them after.</summary>
    private sealed class DumpLinks(int maxRows)
    {
        private readonly List<(int Line, Func<ImportRow> Row)> _links = [];
        private readonly Dictionary<string, string> _shlinkTagNames = [];
        private readonly Dictionary<string, List<string>> _shlinkTagsByLink = [];

        public bool SawLinkTable { get; private set; }

        public void AddYourls(int line, DumpRow row)
        {
            Add(line, () => new ImportRow(line, new CreateLinkRequest(row["url"], row["keyword"]) { Title = row["title"] }));
        }

        public void AddCopied(string table, int line, DumpRow row)
        {
            switch (table.ToLowerInvariant())
            {
                case "short_urls":
                    Add(line, () => ShlinkRow(line, row));
                    break;
                case "tags" when row["id"] is { } id && row["name"] is { } name:
                    _shlinkTagNames[id] = name;
                    break;
                case "short_urls_in_tags" when row["short_url_id"] is { } link && row["tag_id"] is { } tag:
                    (_shlinkTagsByLink.TryGetValue(link, out var tags) ? tags : _shlinkTagsByLink[link] = []).Add(tag);
                    break;
                case "links" when row.Columns.Contains("target", StringComparer.OrdinalIgnoreCase):
                    Add(line, () => KuttRow(line, row));
                    break;
            }
        }

        public List<ImportRow> ToRows() => _links.Select(link => link.Row()).ToList();

        private void Add(int line, Func<ImportRow> row)
        {
            SawLinkTable = true;
            if (_links.Count == maxRows)
            {
                throw new TooManyRowsException();
            }

            _links.Add((line, row));
        }

        private ImportRow ShlinkRow(int line, DumpRow row)
        {
            if (LinkRulesInput.ParseMaxClicks(row["max_visits"], out var maxClicks) is { } limitProblem)
            {
                return new ImportRow(line, null, ImportRow.Reason("maxClicks", limitProblem));
            }

            var tags = row["id"] is { } id && _shlinkTagsByLink.TryGetValue(id, out var tagIds)
                ? tagIds.Select(tag => _shlinkTagNames.GetValueOrDefault(tag)).Where(name => name is not null).ToArray()
                : null;
            return new ImportRow(line, new CreateLinkRequest(row["original_url"], row["short_code"], Timestamp(row["valid_until"]), maxClicks)
            {
                Title = row["title"],
                Tags = tags,
                ForwardQuery = Boolean(row["forward_query"]),
            });
        }

        private static ImportRow KuttRow(int line, DumpRow row)
        {
            if (Boolean(row["banned"]) == true)
            {
                return new ImportRow(line, null, "The link is banned in Kutt; it is not carried over.");
            }

            if (!string.IsNullOrEmpty(row["password"]))
            {
                return new ImportRow(line, null,
                    "password: The link has a password in Kutt, which keeps only its hash; create it here with a new password.");
            }

            return new ImportRow(line, new CreateLinkRequest(row["target"], row["address"], Timestamp(row["expire_in"])) { Title = row["description"] });
        }

        /// <summary>pg_dump's and MySQL's timestamps ("2026-01-02 03:04:05", with an offset or not, which means UTC) as ISO 8601.</summary>
        private static string? Timestamp(string? text) =>
            text is null ? null
            : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                : text;

        private static bool? Boolean(string? text) => text switch
        {
            "t" or "true" or "1" => true,
            "f" or "false" or "0" => false,
            _ => null,
        };
    }
}
