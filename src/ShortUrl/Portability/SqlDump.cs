using System.Text;

namespace ShortUrl.Portability;

/// <summary>One row of a table in a SQL dump: the table, the columns named (null when the statement names none), the values (null for SQL NULL), the line it starts on.</summary>
internal sealed record SqlDumpRow(string Table, IReadOnlyList<string>? Columns, IReadOnlyList<string?> Values, int Line);

/// <summary>Why a SQL dump cannot be read, and the line where.</summary>
internal sealed class SqlDumpException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// Reads the rows of a SQL dump as mysqldump (<c>INSERT INTO ... VALUES (...),(...);</c>, backslash escapes) and pg_dump
/// (<c>COPY ... FROM stdin;</c> blocks of tab-separated rows ending in <c>\.</c>) write them. The SQL is parsed, never
/// executed: the statements those tools write around the data (SET, CREATE, DROP, ALTER, LOCK, comments, psql's
/// <c>\connect</c>, ...) are skipped, and any other statement (an UPDATE, a DELETE, a SELECT of data) refuses the
/// whole file, naming its line, since it is not a dump.
/// </summary>
internal sealed class SqlDump(string text)
{
    /// <summary>A row longer than this is refused: no link needs more, and a huge one would only cost memory.</summary>
    public const int MaxRowChars = 64 * 1024;

    /// <summary>How the statements that carry no rows begin, in the dumps of mysqldump and pg_dump.</summary>
    private static readonly string[] SkippedStatements =
    [
        "SET", "CREATE", "DROP", "ALTER", "LOCK", "UNLOCK", "COMMENT", "GRANT", "REVOKE", "BEGIN", "COMMIT", "START", "USE",
        "SELECT pg_catalog.", "SELECT PG_CATALOG.",
    ];

    private static readonly string[] MetaCommands = ["\\connect", "\\restrict", "\\unrestrict"];

    private int _at;
    private int _line = 1;

    /// <summary>Every row of every INSERT and COPY, in order.</summary>
    /// <exception cref="SqlDumpException">The file is not a dump that can be read.</exception>
    public IEnumerable<SqlDumpRow> Rows()
    {
        while (SkipSpaceAndComments())
        {
            var start = _line;
            if (text[_at] == ';')
            {
                _at++;
                continue;
            }

            if (text[_at] == '\\')
            {
                var command = ReadLine();
                if (!MetaCommands.Any(meta => command.StartsWith(meta, StringComparison.Ordinal)))
                {
                    throw new SqlDumpException(start, $"'{Clip(command)}' is not a statement of a database dump.");
                }

                continue;
            }

            if (StartsWithWord("INSERT"))
            {
                foreach (var row in InsertRows(start))
                {
                    yield return row;
                }

                continue;
            }

            if (StartsWithWord("COPY"))
            {
                foreach (var row in CopyRows(start))
                {
                    yield return row;
                }

                continue;
            }

            if (SkippedStatements.Any(word => StartsWithWord(word) || (word.EndsWith('.') && text.AsSpan(_at).StartsWith(word, StringComparison.Ordinal))))
            {
                SkipStatement(start);
                continue;
            }

            throw new SqlDumpException(start, $"'{Clip(ReadLinePeek())}' is not part of a database dump: only its INSERT and COPY rows are read, never run.");
        }
    }

    private IEnumerable<SqlDumpRow> InsertRows(int start)
    {
        _at += "INSERT".Length;
        SkipSpaceAndComments();
        ExpectWord("INTO", start);
        SkipSpaceAndComments();
        var table = ReadName(start);
        SkipSpaceAndComments();
        List<string>? columns = null;
        if (Peek() == '(')
        {
            columns = ReadColumnList(start);
        }

        ExpectWord("VALUES", start);
        while (true)
        {
            SkipSpaceAndComments();
            if (Peek() != '(')
            {
                throw new SqlDumpException(_line, $"The INSERT into {table} that starts at line {start} has no row here.");
            }

            var rowLine = _line;
            var rowStart = _at;
            _at++;
            var values = new List<string?>();
            while (true)
            {
                SkipSpaceAndComments();
                values.Add(ReadValue(rowLine));
                if (_at - rowStart > MaxRowChars)
                {
                    throw new SqlDumpException(rowLine, $"The row at line {rowLine} is longer than {MaxRowChars / 1024} KiB.");
                }

                SkipSpaceAndComments();
                var next = Peek();
                _at++;
                if (next == ')')
                {
                    break;
                }

                if (next != ',')
                {
                    throw new SqlDumpException(_line, $"The row at line {rowLine} is malformed.");
                }
            }

            yield return new SqlDumpRow(table, columns, values, rowLine);
            SkipSpaceAndComments();
            var after = Peek();
            _at++;
            if (after == ';')
            {
                yield break;
            }

            if (after != ',')
            {
                throw new SqlDumpException(_line, $"The INSERT into {table} that starts at line {start} does not end with ';'.");
            }
        }
    }

    private IEnumerable<SqlDumpRow> CopyRows(int start)
    {
        _at += "COPY".Length;
        SkipSpaceAndComments();
        var table = ReadName(start);
        SkipSpaceAndComments();
        var columns = Peek() == '(' ? ReadColumnList(start) : null;
        ExpectWord("FROM", start);
        ExpectWord("stdin", start);
        SkipSpaceAndComments();
        if (Peek() != ';')
        {
            throw new SqlDumpException(start, "Only COPY ... FROM stdin; with the rows after it, as pg_dump writes it, can be read.");
        }

        _at++;
        ReadLine();
        while (true)
        {
            if (_at >= text.Length)
            {
                throw new SqlDumpException(start, $"The COPY into {table} at line {start} never ends with a line '\\.'.");
            }

            var rowLine = _line;
            var end = text.IndexOf('\n', _at);
            var length = (end < 0 ? text.Length : end) - _at;
            if (length > MaxRowChars)
            {
                throw new SqlDumpException(rowLine, $"The row at line {rowLine} is longer than {MaxRowChars / 1024} KiB.");
            }

            var line = ReadLine().TrimEnd('\r');
            if (line == "\\.")
            {
                yield break;
            }

            yield return new SqlDumpRow(table, columns, line.Split('\t').Select(CopyValue).ToList(), rowLine);
        }
    }

    /// <summary>A field of COPY's text format: <c>\N</c> is NULL; backslash escapes as PostgreSQL writes them.</summary>
    private static string? CopyValue(string field)
    {
        if (field == "\\N")
        {
            return null;
        }

        if (!field.Contains('\\', StringComparison.Ordinal))
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
            value.Append(escaped switch { 't' => '\t', 'n' => '\n', 'r' => '\r', 'b' => '\b', 'f' => '\f', 'v' => '\v', _ => escaped });
        }

        return value.ToString();
    }

    /// <summary>A value of an INSERT: a quoted string (with MySQL's backslash escapes and doubled quotes), NULL, or a bare token.</summary>
    private string? ReadValue(int rowLine)
    {
        var first = Peek();
        if (first is '\'' or '"')
        {
            return ReadQuoted(first, rowLine);
        }

        var begin = _at;
        while (_at < text.Length && text[_at] is not (',' or ')') && !char.IsWhiteSpace(text[_at]))
        {
            if (text[_at] == '\'')
            {
                // A prefixed string: _binary 'abc', E'abc', X'1f'.
                ReadQuoted('\'', rowLine);
                continue;
            }

            if (_at - begin > MaxRowChars)
            {
                throw new SqlDumpException(rowLine, $"The row at line {rowLine} is longer than {MaxRowChars / 1024} KiB.");
            }

            _at++;
        }

        var token = text[begin.._at];
        if (token.Length == 0)
        {
            throw new SqlDumpException(_line, $"The row at line {rowLine} has an empty value.");
        }

        if (token.Equals("NULL", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var quote = token.IndexOf('\'', StringComparison.Ordinal);
        return quote >= 0 ? Unquote(token[quote..]) : token;
    }

    private string ReadQuoted(char quote, int rowLine)
    {
        var start = _line;
        var value = new StringBuilder();
        _at++;
        while (true)
        {
            if (_at >= text.Length)
            {
                throw new SqlDumpException(start, $"A string that starts at line {start} is never closed.");
            }

            if (value.Length > MaxRowChars)
            {
                throw new SqlDumpException(rowLine, $"The row at line {rowLine} is longer than {MaxRowChars / 1024} KiB.");
            }

            var c = text[_at++];
            if (c == '\n')
            {
                _line++;
            }

            if (c == '\\' && _at < text.Length)
            {
                var escaped = text[_at++];
                if (escaped == '\n')
                {
                    _line++;
                }

                value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', 'b' => '\b', 'Z' => '\u001a', _ => escaped });
                continue;
            }

            if (c == quote)
            {
                if (Peek() == quote)
                {
                    value.Append(quote);
                    _at++;
                    continue;
                }

                return value.ToString();
            }

            value.Append(c);
        }
    }

    private static string Unquote(string quoted) => new SqlDump(quoted).ReadQuoted('\'', 1);

    /// <summary>A table's name, its schema and quotes dropped: <c>`yourls_url`</c>, <c>public.short_urls</c>.</summary>
    private string ReadName(int start)
    {
        var begin = _at;
        while (_at < text.Length && !char.IsWhiteSpace(text[_at]) && text[_at] is not ('(' or ';'))
        {
            _at++;
        }

        var name = text[begin.._at].Replace("`", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal);
        if (name.Length == 0)
        {
            throw new SqlDumpException(start, "A statement at this line names no table.");
        }

        return name[(name.LastIndexOf('.') + 1)..];
    }

    private List<string> ReadColumnList(int start)
    {
        var close = text.IndexOf(')', _at);
        if (close < 0 || close - _at > 4096)
        {
            throw new SqlDumpException(start, "The column list of the statement at this line is never closed.");
        }

        var columns = text[(_at + 1)..close].Split(',')
            .Select(column => column.Trim().Trim('`', '"').ToLowerInvariant()).ToList();
        _line += text.AsSpan(_at, close - _at).Count('\n');
        _at = close + 1;
        SkipSpaceAndComments();
        return columns;
    }

    private void ExpectWord(string word, int start)
    {
        SkipSpaceAndComments();
        if (!StartsWithWord(word))
        {
            throw new SqlDumpException(start, $"The statement at line {start} is not an INSERT or COPY as dump tools write them ({word} expected).");
        }

        _at += word.Length;
    }

    private bool StartsWithWord(string word) =>
        text.AsSpan(_at).StartsWith(word, StringComparison.OrdinalIgnoreCase)
        && (_at + word.Length == text.Length || !char.IsLetterOrDigit(text[_at + word.Length]) && text[_at + word.Length] != '_');

    /// <summary>Skips a statement that carries no rows, to its ';' outside quotes.</summary>
    private void SkipStatement(int start)
    {
        while (_at < text.Length)
        {
            var c = text[_at];
            if (c is '\'' or '"' or '`')
            {
                ReadQuoted(c, start);
                continue;
            }

            if (c == '$' && DollarQuote() is { } tag)
            {
                var close = text.IndexOf(tag, _at + tag.Length, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new SqlDumpException(start, $"A string that starts at line {start} is never closed.");
                }

                _line += text.AsSpan(_at, close + tag.Length - _at).Count('\n');
                _at = close + tag.Length;
                continue;
            }

            _at++;
            if (c == '\n')
            {
                _line++;
            }
            else if (c == ';')
            {
                return;
            }
        }
    }

    /// <summary>PostgreSQL's <c>$tag$</c> quoting (function bodies in a dump), when one starts here.</summary>
    private string? DollarQuote()
    {
        var end = text.IndexOf('$', _at + 1);
        return end > _at && end - _at < 64 && text.AsSpan(_at + 1, end - _at - 1).IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") < 0
            ? text[_at..(end + 1)]
            : null;
    }

    /// <returns>False at the end of the text.</returns>
    private bool SkipSpaceAndComments()
    {
        while (_at < text.Length)
        {
            var c = text[_at];
            if (c == '\n')
            {
                _line++;
                _at++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _at++;
            }
            else if (c == '-' && _at + 1 < text.Length && text[_at + 1] == '-')
            {
                ReadLine();
            }
            else if (c == '#')
            {
                ReadLine();
            }
            else if (c == '/' && _at + 1 < text.Length && text[_at + 1] == '*')
            {
                // Comments, mysqldump's /*!40101 SET ... */ among them: settings for a server, nothing for an import.
                var close = text.IndexOf("*/", _at + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw new SqlDumpException(_line, $"A comment that starts at line {_line} is never closed.");
                }

                _line += text.AsSpan(_at, close - _at).Count('\n');
                _at = close + 2;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private char Peek() => _at < text.Length ? text[_at] : '\0';

    private string ReadLine()
    {
        var end = text.IndexOf('\n', _at);
        var line = end < 0 ? text[_at..] : text[_at..end];
        _at = end < 0 ? text.Length : end + 1;
        if (end >= 0)
        {
            _line++;
        }

        return line;
    }

    private string ReadLinePeek()
    {
        var end = text.IndexOf('\n', _at);
        return end < 0 ? text[_at..] : text[_at..end];
    }

    private static string Clip(string text) => text.Length > 60 ? text[..60] + "..." : text.TrimEnd('\r');
}
