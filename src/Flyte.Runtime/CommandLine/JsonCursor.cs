using System.Text;

namespace Flyte.Runtime.CommandLine;

/// <summary>
/// A minimal forward-only JSON reader over UTF-8: strings, and skipping any other value. It exists
/// because System.Text.Json costs a0 about 12 ms of startup to read a few hundred bytes of image cache.
/// </summary>
internal ref struct JsonCursor
{
    private const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _json;
    private int _position;

    public JsonCursor(ReadOnlySpan<byte> json)
    {
        _json = json;
        _position = 0;
    }

    /// <summary>Where reading stopped, for error messages.</summary>
    public readonly int Position => _position;

    /// <summary>True when only whitespace is left.</summary>
    public bool AtEnd
    {
        get
        {
            SkipWhitespace();
            return _position == _json.Length;
        }
    }

    /// <summary>The next significant byte, not consumed; 0 at the end.</summary>
    public byte Peek()
    {
        SkipWhitespace();
        return _position < _json.Length ? _json[_position] : (byte)0;
    }

    public bool TryConsume(byte token)
    {
        if (Peek() != token)
        {
            return false;
        }
        _position++;
        return true;
    }

    /// <summary>Names the kind of the next value, for error messages.</summary>
    public byte PeekKind(out string kind)
    {
        byte next = Peek();
        kind = next switch
        {
            (byte)'{' => "object",
            (byte)'[' => "array",
            (byte)'"' => "string",
            (byte)'t' or (byte)'f' => "boolean",
            (byte)'n' => "null",
            _ => "number",
        };
        return next;
    }

    public bool TryReadString(out string value)
    {
        value = "";
        if (!TryConsume((byte)'"'))
        {
            return false;
        }
        int start = _position;
        StringBuilder? escaped = null;
        while (_position < _json.Length)
        {
            byte b = _json[_position];
            if (b == '"')
            {
                ReadOnlySpan<byte> tail = _json[start.._position];
                _position++;
                value = escaped is null ? Encoding.UTF8.GetString(tail) : escaped.Append(Encoding.UTF8.GetString(tail)).ToString();
                return true;
            }
            if (b < 0x20)
            {
                return false;
            }
            if (b != '\\')
            {
                _position++;
                continue;
            }

            escaped ??= new StringBuilder();
            escaped.Append(Encoding.UTF8.GetString(_json[start.._position]));
            if (_position + 1 >= _json.Length)
            {
                return false;
            }
            byte code = _json[_position + 1];
            _position += 2;
            switch (code)
            {
                case (byte)'"': escaped.Append('"'); break;
                case (byte)'\\': escaped.Append('\\'); break;
                case (byte)'/': escaped.Append('/'); break;
                case (byte)'b': escaped.Append('\b'); break;
                case (byte)'f': escaped.Append('\f'); break;
                case (byte)'n': escaped.Append('\n'); break;
                case (byte)'r': escaped.Append('\r'); break;
                case (byte)'t': escaped.Append('\t'); break;
                case (byte)'u':
                    // Surrogate pairs arrive as two \u escapes; appending both halves rebuilds the pair.
                    if (!TryHex4(out char unit))
                    {
                        return false;
                    }
                    escaped.Append(unit);
                    break;
                default:
                    return false;
            }
            start = _position;
        }
        return false;
    }

    /// <summary>Skips one value of any kind, checking that it is well-formed.</summary>
    public bool TrySkipValue() => TrySkipValue(0);

    private bool TrySkipValue(int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }
        switch (Peek())
        {
            case (byte)'"':
                return TryReadString(out _);
            case (byte)'{':
                _position++;
                if (TryConsume((byte)'}'))
                {
                    return true;
                }
                do
                {
                    if (!TryReadString(out _) || !TryConsume((byte)':') || !TrySkipValue(depth + 1))
                    {
                        return false;
                    }
                }
                while (TryConsume((byte)','));
                return TryConsume((byte)'}');
            case (byte)'[':
                _position++;
                if (TryConsume((byte)']'))
                {
                    return true;
                }
                do
                {
                    if (!TrySkipValue(depth + 1))
                    {
                        return false;
                    }
                }
                while (TryConsume((byte)','));
                return TryConsume((byte)']');
            case (byte)'t':
                return TryLiteral("true"u8);
            case (byte)'f':
                return TryLiteral("false"u8);
            case (byte)'n':
                return TryLiteral("null"u8);
            default:
                return TrySkipNumber();
        }
    }

    private bool TryLiteral(ReadOnlySpan<byte> literal)
    {
        if (!_json[_position..].StartsWith(literal))
        {
            return false;
        }
        _position += literal.Length;
        return true;
    }

    // Lenient: any run of number characters that starts like a number.
    private bool TrySkipNumber()
    {
        int start = _position;
        while (_position < _json.Length && _json[_position] is (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E')
        {
            _position++;
        }
        return _position > start && _json[start] is (byte)'-' or (>= (byte)'0' and <= (byte)'9');
    }

    private bool TryHex4(out char unit)
    {
        unit = '\0';
        if (_position + 4 > _json.Length)
        {
            return false;
        }
        int value = 0;
        for (int i = 0; i < 4; i++)
        {
            int digit = HexValue(_json[_position + i]);
            if (digit < 0)
            {
                return false;
            }
            value = (value << 4) | digit;
        }
        _position += 4;
        unit = (char)value;
        return true;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private void SkipWhitespace()
    {
        while (_position < _json.Length && _json[_position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _position++;
        }
    }
}
