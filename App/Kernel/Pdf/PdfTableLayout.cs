namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Lays the tables of a <see cref="PdfReportModel"/> out on pages: wraps cell text, breaks pages between rows,
/// repeats a table's caption and header row on every page it continues onto, and splits a row that is taller
/// than a whole page between pages. Header and footer are left to the renderer, which knows the page count.
/// </summary>
internal sealed partial class PdfTableLayout(PdfReportModel model, TextMeasurer measurer)
{
    public const double CellSize = 8;
    public const double HeaderSize = 8;
    public const double CaptionSize = 10.5;
    private const double LineFactor = 1.3;
    private const double PadX = 3;
    private const double PadY = 2.5;
    private const double CaptionGap = 5;
    private const double TableGap = 12;
    private const byte RuleGray = 170;
    private const byte GridGray = 120;
    private const byte HeaderFill = 218;
    private const byte TotalFill = 236;

    private readonly PageGeometry _page = PageGeometry.A4(model.Orientation);
    private readonly List<List<PageOp>> _pages = [];
    private List<PageOp> _ops = null!;
    private double _y;

    // The table block being drawn on the current page, for its vertical rules.
    private double _blockTop;
    // Where the inner column rules of the block start: below the last row that spans the whole table (an empty
    // table's message), so that no rule runs through merged text.
    private double _innerRulesTop;
    private bool _blockHasRows;
    private double[] _columnX = [];
    // Per right-aligned column, the widest decimal part (from the point, with a trailing " %") of its numbers: numbers
    // are aligned on the decimal point, so 35.003 sits under 255.00 as in a ledger.
    private double[] _fractionWidth = [];

    public PageGeometry Page => _page;

    public List<List<PageOp>> Layout()
    {
        NewPage();
        for (var t = 0; t < model.Tables.Count; t++)
        {
            if (t > 0)
            {
                _y -= TableGap;
            }

            LayoutTable(model.Tables[t]);
        }

        return _pages;
    }

    private void NewPage()
    {
        _ops = [];
        _pages.Add(_ops);
        _y = _page.BodyTop;
    }

    private static double LineHeight(double size) => size * LineFactor;

    private void LayoutTable(PdfTable table)
    {
        var totalWeight = table.Columns.Sum(c => c.Width);
        _columnX = new double[table.Columns.Count + 1];
        _columnX[0] = _page.Left;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            _columnX[i + 1] = _columnX[i] + (_page.ContentWidth * table.Columns[i].Width / totalWeight);
        }

        _columnX[^1] = _page.Right;
        _fractionWidth = new double[table.Columns.Count];
        for (var c = 0; c < table.Columns.Count; c++)
        {
            if (table.Columns[c].Alignment == CellAlignment.Right)
            {
                foreach (var row in table.Rows.Concat(table.TotalRows))
                {
                    if (SplitNumber(row[c]) is { } number)
                    {
                        _fractionWidth[c] = Math.Max(_fractionWidth[c], measurer.Width(number.Fraction, CellSize));
                    }
                }
            }
        }

        var header = WrapRow(table.Columns.Select(c => c.Header).ToList(), table.Columns, HeaderSize);
        var captionHeight = table.Caption is null ? 0 : LineHeight(CaptionSize) + CaptionGap;

        // Caption, header and the first row (as much of it as a page holds) share a page; otherwise start on a fresh one.
        var first = table.Rows.Count > 0 ? WrapRow(table.Rows[0], table.Columns, CellSize).Height : RowHeight(1, CellSize);
        if (_y - captionHeight - header.Height - Math.Min(first, FreshCapacity(table, header)) < _page.BodyBottom && _y < _page.BodyTop)
        {
            NewPage();
        }

        StartBlock(table, header, continued: false);
        if (table.Rows.Count == 0)
        {
            var empty = new WrappedRow([measurer.Wrap(table.EmptyText, CellSize, _page.ContentWidth - (2 * PadX))], CellSize, Spanning: true);
            PlaceRow(table, header, empty, fill: null);
        }

        foreach (var row in table.Rows)
        {
            PlaceRow(table, header, WrapRow(row, table.Columns, CellSize), fill: null);
        }

        foreach (var row in table.TotalRows)
        {
            PlaceRow(table, header, WrapRow(row, table.Columns, CellSize), fill: TotalFill);
        }

        EndBlock();
    }

    private void StartBlock(PdfTable table, WrappedRow header, bool continued)
    {
        if (table.Caption is { } caption)
        {
            var text = measurer.Clean(continued ? caption + model.ContinuedSuffix : caption);
            _ops.Add(new TextOp(Fit(text, CaptionSize, _page.ContentWidth), CaptionSize, _page.Left, _y - (CaptionSize * 1.05)));
            _y -= LineHeight(CaptionSize) + CaptionGap;
        }

        _blockTop = _y;
        _innerRulesTop = _y;
        _ops.Add(new LineOp(_page.Left, _y, _page.Right, _y, 0.6, GridGray));
        DrawRow(header, table.Columns, 0, header.LineCount, HeaderFill, centre: true);
        _blockHasRows = false;
    }

    private void EndBlock()
    {
        _ops.Add(new LineOp(_columnX[0], _blockTop, _columnX[0], _y, 0.5, GridGray));
        _ops.Add(new LineOp(_columnX[^1], _blockTop, _columnX[^1], _y, 0.5, GridGray));
        InnerRules();
        _ops.Add(new LineOp(_page.Left, _y, _page.Right, _y, 0.6, GridGray));
    }

    /// <summary>The column rules between the outer borders, from where they start down to the current row.</summary>
    private void InnerRules()
    {
        if (_innerRulesTop - _y > 1e-9)
        {
            for (var i = 1; i < _columnX.Length - 1; i++)
            {
                _ops.Add(new LineOp(_columnX[i], _innerRulesTop, _columnX[i], _y, 0.5, GridGray));
            }
        }

        _innerRulesTop = _y;
    }

    private void PlaceRow(PdfTable table, WrappedRow header, WrappedRow row, byte? fill)
    {
        var done = 0;
        while (done < row.LineCount)
        {
            var remaining = row.LineCount - done;
            var fits = (int)Math.Floor((_y - _page.BodyBottom - (2 * PadY)) / LineHeight(row.Size) + 1e-9);
            if (fits >= remaining)
            {
                DrawRow(row, table.Columns, done, remaining, fill, centre: false);
                return;
            }

            // Only a row that could never fit on a page of its own is split; it fills this page first.
            var tooTall = RowHeight(remaining, row.Size) > FreshCapacity(table, header);
            if (!_blockHasRows && fits < 1)
            {
                fits = 1;
            }

            if (fits >= 1 && (tooTall || !_blockHasRows))
            {
                DrawRow(row, table.Columns, done, fits, fill, centre: false);
                done += fits;
                continue;
            }

            EndBlock();
            NewPage();
            StartBlock(table, header, continued: true);
        }
    }

    private double FreshCapacity(PdfTable table, WrappedRow header) =>
        _page.BodyTop - _page.BodyBottom - header.Height - (table.Caption is null ? 0 : LineHeight(CaptionSize) + CaptionGap);

    private void DrawRow(WrappedRow row, IReadOnlyList<PdfColumn> columns, int firstLine, int lineCount, byte? fill, bool centre)
    {
        if (row.Spanning)
        {
            InnerRules();
        }

        var height = RowHeight(lineCount, row.Size);
        var bottom = _y - height;
        if (fill is { } gray)
        {
            _ops.Add(new FillOp(_page.Left, bottom, _page.ContentWidth, height, gray));
        }

        for (var c = 0; c < row.Cells.Count; c++)
        {
            var (left, right) = row.Spanning ? (_columnX[0], _columnX[^1]) : (_columnX[c], _columnX[c + 1]);
            var alignment = centre || row.Spanning ? CellAlignment.Center : columns[c].Alignment;
            var lines = row.Cells[c];
            for (var l = firstLine; l < Math.Min(lines.Count, firstLine + lineCount); l++)
            {
                var text = lines[l];
                if (text.Length == 0)
                {
                    continue;
                }

                var width = measurer.Width(text, row.Size);
                if (alignment == CellAlignment.Right && !row.Spanning && lines.Count == 1 && SplitNumber(text) is { } number)
                {
                    // On the column's decimal point, unless that pushes the number out of its cell.
                    var aligned = right - PadX - _fractionWidth[c] - measurer.Width(number.Whole, row.Size);
                    width = aligned >= left + PadX ? right - PadX - aligned : width;
                }

                var x = alignment switch
                {
                    CellAlignment.Right => right - PadX - width,
                    CellAlignment.Center => left + ((right - left - width) / 2),
                    _ => left + PadX,
                };
                var baseline = _y - PadY - ((l - firstLine) * LineHeight(row.Size)) - (row.Size * 1.02);
                _ops.Add(new TextOp(text, row.Size, x, baseline));
            }
        }

        _y = bottom;
        if (row.Spanning)
        {
            _innerRulesTop = _y;
        }

        _blockHasRows = true;
        _ops.Add(new LineOp(_page.Left, _y, _page.Right, _y, 0.3, RuleGray));
    }

    /// <summary>A number as printed ("-1,234.5678", "23.71 %", "12") split before its decimal point; null for other text.</summary>
    internal static (string Whole, string Fraction)? SplitNumber(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NumberPattern().IsMatch(text))
        {
            return null;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var end = point >= 0 ? point : text.TrimEnd('%', ' ').Length;
        return (text[..end], text[end..]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-+]?[0-9][0-9,]*(\.[0-9]+)?( ?%)?$")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();

    private static double RowHeight(int lines, double size) => (lines * LineHeight(size)) + (2 * PadY);

    private WrappedRow WrapRow(IReadOnlyList<string> cells, IReadOnlyList<PdfColumn> columns, double size)
    {
        var wrapped = new List<List<string>>(cells.Count);
        for (var c = 0; c < cells.Count; c++)
        {
            var width = _columnX[c + 1] - _columnX[c] - (2 * PadX);
            wrapped.Add(measurer.Wrap(cells[c] ?? "", size, Math.Max(width, 1)));
        }

        return new WrappedRow(wrapped, size, Spanning: false);
    }

    /// <summary>The text cut with an ellipsis so that it fits on one line.</summary>
    public string Fit(string text, double size, double width)
    {
        if (measurer.Width(text, size) <= width)
        {
            return text;
        }

        var end = text.Length;
        while (end > 0 && measurer.Width(text[..end] + "...", size) > width)
        {
            end--;
        }

        return text[..end] + "...";
    }

    private sealed record WrappedRow(List<List<string>> Cells, double Size, bool Spanning)
    {
        public int LineCount { get; } = Math.Max(1, Cells.Count == 0 ? 1 : Cells.Max(c => c.Count));

        public double Height => RowHeight(LineCount, Size);
    }
}
