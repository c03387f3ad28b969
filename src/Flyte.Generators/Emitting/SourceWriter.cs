using System.Text;

namespace Flyte.Generators.Emitting;

/// <summary>Writes indented C# source line by line.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
        }
        _builder.Append(text).Append('\n');
        return this;
    }

    public SourceWriter Open(string text)
    {
        Line(text);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Opens a bare block, which scopes the locals of one generated statement group.</summary>
    public SourceWriter OpenBlock()
    {
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Closes the block; a blank line the last member left before the brace is dropped.</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        int length = _builder.Length;
        if (length >= 2 && _builder[length - 1] == '\n' && _builder[length - 2] == '\n')
        {
            _builder.Length = length - 1;
        }
        return Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
