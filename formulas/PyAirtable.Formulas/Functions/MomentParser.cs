using System.Globalization;

namespace PyAirtable.Formulas.Functions;

/// <summary>
/// Parses text with a moment.js format the forgiving way moment does without strict mode:
/// separators in the input need not match the format, only the numbers and names in order.
/// </summary>
internal sealed class MomentParser
{
    private readonly string _input;
    private int _position;
    private int _year = 1970;
    private int _month = 1;
    private int _day = 1;
    private int _hour;
    private int _minute;
    private int _second;
    private long _fractionTicks;
    private bool? _pm;
    private TimeSpan? _offset;
    private long? _unixMilliseconds;

    private MomentParser(string input) => _input = input;

    /// <summary>Returns the instant in UTC; wall times without an offset are read as UTC, like Airtable's GMT.</summary>
    public static bool TryParse(string input, string format, out long utcTicks)
    {
        var parser = new MomentParser(input);
        utcTicks = 0;
        return parser.Run(format) && parser.TryBuild(out utcTicks);
    }

    private bool Run(string format)
    {
        var i = 0;
        while (i < format.Length)
        {
            if (format[i] == '[')
            {
                var end = format.IndexOf(']', i + 1);
                end = end < 0 ? format.Length : end;
                SkipLiteral(format.AsSpan(i + 1, end - i - 1));
                i = Math.Min(format.Length, end + 1);
                continue;
            }
            var token = MomentFormat.TokenAt(format, i);
            if (token is null)
            {
                if (_position < _input.Length && _input[_position] == format[i])
                {
                    _position++;
                }
                i++;
                continue;
            }
            i += token.Length;
            if (MomentFormat.IsLocalizedToken(token, out var expansion))
            {
                if (!Run(expansion))
                {
                    return false;
                }
                continue;
            }
            if (!Read(token))
            {
                return false;
            }
        }
        return true;
    }

    private bool Read(string token)
    {
        switch (token)
        {
            case "YYYYYY":
                return Number(1, 6, out _year);
            case "YYYY" or "GGGG" or "gggg":
                return Number(1, 4, out _year);
            case "YY":
                if (!Number(2, 2, out var shortYear))
                {
                    return false;
                }
                _year = shortYear + (shortYear > 68 ? 1900 : 2000);
                return true;
            case "M" or "MM" or "Mo":
                return Number(1, 2, out _month) && SkipLetters();
            case "MMM" or "MMMM":
                SkipSeparators();
                var start = _position;
                SkipLetters();
                _month = MomentFormat.MonthFromName(_input.AsSpan(start, _position - start));
                return _month > 0;
            case "D" or "DD" or "Do":
                return Number(1, 2, out _day) && SkipLetters();
            case "H" or "HH" or "h" or "hh" or "k" or "kk":
                return Number(1, 2, out _hour);
            case "m" or "mm":
                return Number(1, 2, out _minute);
            case "s" or "ss":
                return Number(1, 2, out _second);
            case "A" or "a":
                SkipSeparators();
                var rest = _input.AsSpan(_position);
                _pm = rest.StartsWith("p", StringComparison.OrdinalIgnoreCase);
                SkipLetters();
                return true;
            case "Z" or "ZZ":
                return ReadOffset();
            case "X" or "x":
                SkipSeparators();
                var digitsStart = _position;
                while (_position < _input.Length && (char.IsAsciiDigit(_input[_position]) || _input[_position] is '.' or '-'))
                {
                    _position++;
                }
                if (!double.TryParse(_input.AsSpan(digitsStart, _position - digitsStart), NumberStyles.Float, CultureInfo.InvariantCulture, out var unix))
                {
                    return false;
                }
                _unixMilliseconds = (long)(token == "X" ? unix * 1000 : unix);
                return true;
            default:
                if (token[0] == 'S')
                {
                    var fractionStart = _position;
                    while (_position < _input.Length && char.IsAsciiDigit(_input[_position]))
                    {
                        _position++;
                    }
                    var digits = _input.AsSpan(fractionStart, _position - fractionStart);
                    var padded = (digits.Length > 7 ? digits[..7].ToString() : digits.ToString()).PadRight(7, '0');
                    _fractionTicks = long.Parse(padded, CultureInfo.InvariantCulture);
                    return true;
                }
                // Names of weekdays, week numbers and day-of-year carry no information we need; skip them.
                SkipSeparators();
                while (_position < _input.Length && char.IsAsciiLetterOrDigit(_input[_position]))
                {
                    _position++;
                }
                return true;
        }
    }

    private void SkipLiteral(ReadOnlySpan<char> literal)
    {
        if (_input.AsSpan(_position).StartsWith(literal, StringComparison.Ordinal))
        {
            _position += literal.Length;
        }
    }

    private void SkipSeparators()
    {
        while (_position < _input.Length && !char.IsAsciiLetterOrDigit(_input[_position]) && _input[_position] is not '+' and not '-')
        {
            _position++;
        }
    }

    private bool SkipLetters()
    {
        while (_position < _input.Length && char.IsAsciiLetter(_input[_position]))
        {
            _position++;
        }
        return true;
    }

    private bool Number(int minDigits, int maxDigits, out int value)
    {
        SkipSeparators();
        var start = _position;
        while (_position < _input.Length && _position - start < maxDigits && char.IsAsciiDigit(_input[_position]))
        {
            _position++;
        }
        value = 0;
        return _position - start >= minDigits
            && int.TryParse(_input.AsSpan(start, _position - start), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private bool ReadOffset()
    {
        while (_position < _input.Length && _input[_position] == ' ')
        {
            _position++;
        }
        if (_position < _input.Length && _input[_position] is 'Z' or 'z')
        {
            _position++;
            _offset = TimeSpan.Zero;
            return true;
        }
        if (_position >= _input.Length || _input[_position] is not ('+' or '-'))
        {
            return false;
        }
        var sign = _input[_position++] == '-' ? -1 : 1;
        if (!Number(2, 2, out var hours))
        {
            return false;
        }
        if (_position < _input.Length && _input[_position] == ':')
        {
            _position++;
        }
        var minutes = 0;
        if (_position < _input.Length && char.IsAsciiDigit(_input[_position]) && !Number(2, 2, out minutes))
        {
            return false;
        }
        _offset = sign * new TimeSpan(hours, minutes, 0);
        return true;
    }

    private bool TryBuild(out long utcTicks)
    {
        utcTicks = 0;
        if (_unixMilliseconds is { } unix)
        {
            utcTicks = DateTimeOffset.FromUnixTimeMilliseconds(unix).UtcTicks;
            return true;
        }
        var hour = _pm switch
        {
            true when _hour < 12 => _hour + 12,
            false when _hour == 12 => 0,
            _ => _hour,
        };
        if (_month is < 1 or > 12 || _day < 1 || _year is < 1 or > 9999 || _day > DateTime.DaysInMonth(_year, _month)
            || hour > 24 || _minute > 59 || _second > 59)
        {
            return false;
        }
        var local = new DateTime(_year, _month, _day).AddHours(hour).AddMinutes(_minute).AddSeconds(_second).AddTicks(_fractionTicks);
        utcTicks = (local - (_offset ?? TimeSpan.Zero)).Ticks;
        return true;
    }
}
