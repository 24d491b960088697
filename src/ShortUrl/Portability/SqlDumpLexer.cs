namespace ShortUrl.Portability;

/// <summary>Why a dump cannot be read, with the line it happened on; nothing of such a dump is imported.</summary>
internal sealed class SqlDumpException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>
/// Reads the text of a SQL dump as mysqldump and pg_dump write it, a token at a time: words, quoted names, string
/// literals (MySQL's backslash escapes and doubled quotes), numbers and punctuation, with comments skipped and the line
/// of each token kept. It never runs anything: it only tells the reader what is written.
/// </summary>
internal sealed class SqlDumpLexer(string text)
{
    private int _position;

    public int Line { get; private set; } = 1;

    public bool AtEnd
    {
        get
        {
            SkipSpaceAndComments();
            return _position >= text.Length;
        }
    }

    /// <summary>The next character that is not space or comment, without taking it; '\0' at the end.</summary>
    public char Peek()
    {
        SkipSpaceAndComments();
        return _position < text.Length ? text[_position] : '\0';
    }

    public bool TryTake(char punctuation)
    {
        if (Peek() != punctuation)
        {
            return false;
        }

        _position++;
        return true;
    }

    public void Expect(char punctuation, string what)
    {
        if (!TryTake(punctuation))
        {
            throw new SqlDumpException(Line, $"expected {what}");
        }
    }

    /// <summary>A bare word (keyword or name), or null when the next token is not one.</summary>
    public string? Word()
    {
        SkipSpaceAndComments();
        var start = _position;
        while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$' or '@'))
        {
            _position++;
        }

        return _position > start ? text[start.._position] : null;
    }

    public bool TryWord(string keyword)
    {
        var start = _position;
        var line = Line;
        if (string.Equals(Word(), keyword, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        (_position, Line) = (start, line);
        return false;
    }

    /// <summary>A name, bare or quoted (`name` or "name"), schema-qualified names joined by dots.</summary>
    public string Name()
    {
        var parts = new List<string>();
        do
        {
            var part = Peek() is '`' or '"' ? Quoted(text[_position]) : Word();
            parts.Add(part ?? throw new SqlDumpException(Line, "expected a table or column name"));
        }
        while (TryTake('.'));

        return string.Join('.', parts);
    }

    /// <summary>A value of an INSERT's row: a string, NULL, a number or another bare literal; null for NULL.</summary>
    public string? Value()
    {
        var next = Peek();
        if (next == '\'')
        {
            return Quoted('\'');
        }

        var start = _position;
        while (_position < text.Length && text[_position] is not (',' or ')') && !char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        var literal = text[start.._position];
        if (literal.Length == 0)
        {
            throw new SqlDumpException(Line, "expected a value");
        }

        return literal.Equals("NULL", StringComparison.OrdinalIgnoreCase) ? null : literal;
    }

    /// <summary>Skips to the end of the statement (its ';' outside quotes), for the statements a dump may hold that say nothing of links.</summary>
    public void SkipStatement()
    {
        while (true)
        {
            var next = Peek();
            switch (next)
            {
                case '\0':
                    return;
                case ';':
                    _position++;
                    return;
                case '\'' or '"' or '`':
                    Quoted(next);
                    break;
                default:
                    _position++;
                    break;
            }
        }
    }

    /// <summary>The rest of the current line, taken; for COPY's data, which follows its statement line by line.</summary>
    public string? DataLine()
    {
        if (_position >= text.Length)
        {
            return null;
        }

        var end = text.IndexOf('\n', _position);
        var line = end < 0 ? text[_position..] : text[_position..end];
        _position = end < 0 ? text.Length : end + 1;
        Line++;
        return line.TrimEnd('\r');
    }

    /// <summary>After a COPY statement's ';': the data starts on the next line.</summary>
    public void ToNextLine()
    {
        while (_position < text.Length && text[_position] is ' ' or '\t' or '\r')
        {
            _position++;
        }

        if (_position < text.Length && text[_position] == '\n')
        {
            _position++;
            Line++;
        }
    }

    /// <summary>How many characters the lexer has read: the reader bounds a row by it.</summary>
    public int Position => _position;

    private string Quoted(char quote)
    {
        var startLine = Line;
        _position++;
        var value = new StringBuilder();
        while (true)
        {
            if (_position >= text.Length)
            {
                throw new SqlDumpException(startLine, "a quoted string or name that is never closed");
            }

            var c = text[_position++];
            if (c == '\n')
            {
                Line++;
            }

            if (c == quote)
            {
                if (_position < text.Length && text[_position] == quote)
                {
                    value.Append(quote);
                    _position++;
                    continue;
                }

                return value.ToString();
            }

            if (c == '\\' && quote == '\'' && _position < text.Length)
            {
                value.Append(Unescaped(text[_position++]));
                continue;
            }

            value.Append(c);
        }
    }

    /// <summary>mysqldump's escapes in a string literal.</summary>
    private static string Unescaped(char escaped) => escaped switch
    {
        '0' => "\0",
        'b' => "\b",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'Z' => "\u001a",
        _ => escaped.ToString(CultureInfo.InvariantCulture),
    };

    private void SkipSpaceAndComments()
    {
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '\n')
            {
                Line++;
                _position++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _position++;
            }
            else if (c == '#' || (c == '-' && At("--")))
            {
                var end = text.IndexOf('\n', _position);
                _position = end < 0 ? text.Length : end;
            }
            else if (c == '/' && At("/*"))
            {
                var startLine = Line;
                var end = text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new SqlDumpException(startLine, "a comment that is never closed");
                }

                Line += text.AsSpan(_position, end - _position).Count('\n');
                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private bool At(string token) => string.CompareOrdinal(text, _position, token, 0, token.Length) == 0;
}
