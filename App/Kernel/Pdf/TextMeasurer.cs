using System.Text;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Widths of text in the report font and line wrapping. Advances are measured once per character (at unit
/// size) and summed, which is exact for a writer that applies no kerning. Characters the font lacks are
/// replaced by '?' so that a stray symbol never fails a report.
/// </summary>
internal sealed class TextMeasurer(Func<char, double?> unitAdvance)
{
    private const char Replacement = '?';
    private readonly Dictionary<char, double?> _advances = [];

    /// <summary>The text with unsupported characters replaced and control characters removed (tabs become spaces).</summary>
    public string Clean(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            char? replacement = c switch
            {
                '\t' => ' ',
                _ when char.IsControl(c) || char.IsSurrogate(c) => c == '\n' ? '\n' : '\0',
                _ when Advance(c) is null => Replacement,
                _ => null,
            };
            if (replacement is null || replacement == c)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, text.Length);
            if (replacement != '\0')
            {
                builder.Append(replacement.Value);
            }
        }

        return builder?.ToString() ?? text;
    }

    /// <summary>Width in points of cleaned text at a font size.</summary>
    public double Width(string text, double size)
    {
        var total = 0.0;
        foreach (var c in text)
        {
            total += Advance(c) ?? Advance(Replacement) ?? 0;
        }

        return total * size;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at spaces, between CJK characters, and
    /// inside a word only when the word alone is wider than the line. Explicit line breaks are kept.
    /// </summary>
    public List<string> Wrap(string text, double size, double width)
    {
        // Most cells are one short line: measured whole, without cutting them into words first.
        var clean = Clean(text);
        if (clean.IndexOf('\n') < 0)
        {
            var line = clean.TrimEnd();
            if (Width(line, size) <= width)
            {
                return [line];
            }
        }

        var lines = new List<string>();
        foreach (var paragraph in clean.Split('\n'))
        {
            WrapParagraph(paragraph.TrimEnd(), size, width, lines);
        }

        return lines;
    }

    private void WrapParagraph(string text, double size, double width, List<string> lines)
    {
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var token in Tokens(text))
        {
            var tokenWidth = Width(token, size);
            if (lineWidth + tokenWidth <= width || line.Length == 0 && tokenWidth <= width)
            {
                line.Append(token);
                lineWidth += tokenWidth;
                continue;
            }

            if (token == " ")
            {
                // A break at a space drops the space.
                Flush(lines, line);
                lineWidth = 0;
                continue;
            }

            if (line.Length > 0)
            {
                Flush(lines, line);
                lineWidth = 0;
            }

            if (tokenWidth <= width)
            {
                line.Append(token);
                lineWidth = tokenWidth;
                continue;
            }

            // A word wider than the column: cut it where it overflows, at least one character per line.
            foreach (var c in token)
            {
                var w = Width(c.ToString(), size);
                if (line.Length > 0 && lineWidth + w > width)
                {
                    Flush(lines, line);
                    lineWidth = 0;
                }

                line.Append(c);
                lineWidth += w;
            }
        }

        if (line.Length > 0 || lines.Count == 0 || text.Length == 0)
        {
            Flush(lines, line);
        }
    }

    private static void Flush(List<string> lines, StringBuilder line)
    {
        lines.Add(line.ToString().TrimEnd());
        line.Clear();
    }

    // Words (runs of non-space, non-CJK characters), single spaces, and single CJK characters (each a break opportunity).
    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' || IsCjk(c))
            {
                if (start >= 0)
                {
                    yield return text[start..i];
                    start = -1;
                }

                yield return c.ToString();
            }
            else if (start < 0)
            {
                start = i;
            }
        }

        if (start >= 0)
        {
            yield return text[start..];
        }
    }

    private static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';

    private double? Advance(char c)
    {
        if (!_advances.TryGetValue(c, out var advance))
        {
            advance = unitAdvance(c);
            _advances[c] = advance;
        }

        return advance;
    }
}
