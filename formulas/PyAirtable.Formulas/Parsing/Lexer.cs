using System.Globalization;
using System.Text;

namespace PyAirtable.Formulas.Parsing;

internal sealed class Lexer(string text)
{
    private int _position;

    /// <summary>Where the token <see cref="Next"/> returned last ends.</summary>
    public int End => _position;

    public Token Next()
    {
        SkipWhitespaceAndComments();
        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, string.Empty, text.Length);
        }
        var start = _position;
        var c = text[_position];
        switch (c)
        {
            case '(': _position++; return new Token(TokenKind.LeftParen, "(", start);
            case ')': _position++; return new Token(TokenKind.RightParen, ")", start);
            case ',': _position++; return new Token(TokenKind.Comma, ",", start);
            case '+': _position++; return new Token(TokenKind.Plus, "+", start);
            case '-': _position++; return new Token(TokenKind.Minus, "-", start);
            case '*': _position++; return new Token(TokenKind.Star, "*", start);
            case '/': _position++; return new Token(TokenKind.Slash, "/", start);
            case '&': _position++; return new Token(TokenKind.Ampersand, "&", start);
            case '=': _position += Peek(1) == '=' ? 2 : 1; return new Token(TokenKind.Equal, "=", start);
            case '!' when Peek(1) == '=': _position += 2; return new Token(TokenKind.NotEqual, "!=", start);
            case '<': return LessThan(start);
            case '>':
                if (Peek(1) == '=')
                {
                    _position += 2;
                    return new Token(TokenKind.GreaterOrEqual, ">=", start);
                }
                _position++;
                return new Token(TokenKind.Greater, ">", start);
            case '{': return Field(start);
            case '"' or '\'': return String(start, c);
            default:
                break;
        }
        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return Number(start);
        }
        if (char.IsLetter(c) || c == '_')
        {
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] == '_'))
            {
                _position++;
            }
            return new Token(TokenKind.Identifier, text[start.._position], start);
        }
        throw new FormulaSyntaxException($"Unexpected character '{c}'", start);
    }

    private char Peek(int offset) => _position + offset < text.Length ? text[_position + offset] : '\0';

    private void SkipWhitespaceAndComments()
    {
        while (_position < text.Length)
        {
            if (char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
            else if (text[_position] == '/' && Peek(1) == '*')
            {
                var end = text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new FormulaSyntaxException("Unterminated comment", _position);
                }
                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private Token LessThan(int start)
    {
        var next = Peek(1);
        if (next == '=')
        {
            _position += 2;
            return new Token(TokenKind.LessOrEqual, "<=", start);
        }
        if (next == '>')
        {
            _position += 2;
            return new Token(TokenKind.NotEqual, "<>", start);
        }
        _position++;
        return new Token(TokenKind.Less, "<", start);
    }

    private Token Number(int start)
    {
        while (_position < text.Length && char.IsAsciiDigit(text[_position]))
        {
            _position++;
        }
        if (Peek(0) == '.')
        {
            _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }
        }
        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            _position += 2;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }
        }
        var literal = text[start.._position];
        return new Token(TokenKind.Number, literal, start, double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private Token Field(int start)
    {
        var builder = new StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position];
            if (c == '\\' && Peek(1) == '}')
            {
                builder.Append('}');
                _position += 2;
            }
            else if (c == '}')
            {
                _position++;
                if (builder.Length == 0)
                {
                    throw new FormulaSyntaxException("Empty field name", start);
                }
                return new Token(TokenKind.Field, builder.ToString(), start);
            }
            else
            {
                builder.Append(c);
                _position++;
            }
        }
        throw new FormulaSyntaxException("Unterminated field reference: missing '}'", start);
    }

    private Token String(int start, char quote)
    {
        var builder = new StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c == quote)
            {
                return new Token(TokenKind.String, builder.ToString(), start);
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (_position >= text.Length)
            {
                break;
            }
            // Unknown escapes keep their backslash so regex patterns like '\d+' survive without doubling.
            var escaped = text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '\\' or '\'' or '"': builder.Append(escaped); break;
                default: builder.Append('\\').Append(escaped); break;
            }
        }
        throw new FormulaSyntaxException($"Unterminated string: missing closing {quote}", start);
    }
}
