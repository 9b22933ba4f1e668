using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Meters;
namespace Prepaid.App.Meters.Pages;

public enum TrendChartKind
{
    Line,
    Bar,
}

/// <summary>
/// A small SVG chart of one series: bars or a line broken where nothing was measured, a zero-based value axis with round
/// ticks, and a few time labels. Numbers use the current culture; the unit is drawn above the axis.
/// </summary>
public partial class TrendChart
{
    private const double Width = 640;
    private const double Height = 220;
    private const double Left = 56;
    private const double Right = 8;
    private const double Top = 18;
    private const double Bottom = 24;

    private double _min;
    private double _max = 1;

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public string Unit { get; set; } = "";
    [Parameter, EditorRequired] public IReadOnlyList<TrendPoint> Points { get; set; } = [];
    [Parameter] public TrendChartKind Kind { get; set; }
    [Parameter] public string Format { get; set; } = "N1";
    [Parameter] public string? TestId { get; set; }

    private bool HasData => Points.Any(p => p.Value is not null);

    private IEnumerable<(int Index, decimal Value)> Values =>
        Points.Select((p, i) => (i, p.Value)).Where(p => p.Value is not null).Select(p => (p.i, p.Value!.Value));

    private double BarWidth => Math.Max(1, ((Width - Left - Right) / Math.Max(1, Points.Count)) * 0.7);

    protected override void OnParametersSet()
    {
        var values = Points.Where(p => p.Value is not null).Select(p => (double)p.Value!.Value).ToList();
        var low = Math.Min(0, values.DefaultIfEmpty(0).Min());
        var high = Math.Max(0, values.DefaultIfEmpty(0).Max());
        var step = NiceStep((high - low) / 4);
        _min = Math.Floor(low / step) * step;
        _max = Math.Max(_min + step, Math.Ceiling(high / step) * step);
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    internal static double NiceStep(double rough)
    {
        if (rough <= 0 || double.IsNaN(rough))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1d, 2d, 5d, 10d }.Select(m => m * power).First(s => s >= rough - 1e-12);
    }

    private IEnumerable<double> YTicks
    {
        get
        {
            var step = NiceStep((_max - _min) / 4);
            for (var tick = _min; tick <= _max + (step / 2); tick += step)
            {
                yield return Math.Round(tick, 10);
            }
        }
    }

    /// <summary>About six labels, evenly spaced over the points.</summary>
    private IEnumerable<(int Index, string Label)> XLabels
    {
        get
        {
            var every = Math.Max(1, (int)Math.Ceiling(Points.Count / 6.0));
            return Points.Select((p, i) => (i, p.Label)).Where(p => p.i % every == 0);
        }
    }

    private double XCenter(int index) => Left + ((Width - Left - Right) * (index + 0.5) / Math.Max(1, Points.Count));

    private double Y(double value) => Top + ((Height - Top - Bottom) * (1 - ((value - _min) / (_max - _min))));

    private double BarTop(decimal value) => Math.Min(Y((double)value), Y(0));

    private double BarHeight(decimal value) => Math.Max(0.5, Math.Abs(Y((double)value) - Y(0)));

    private string LinePath
    {
        get
        {
            var path = new StringBuilder();
            var drawing = false;
            for (var i = 0; i < Points.Count; i++)
            {
                if (Points[i].Value is not { } value)
                {
                    drawing = false;
                    continue;
                }

                path.Append(drawing ? " L " : " M ").Append(Svg(XCenter(i))).Append(' ').Append(Svg(Y((double)value)));
                drawing = true;
            }

            return path.ToString().Trim();
        }
    }

    private string Number(double value) => value.ToString(Math.Abs(_max - _min) < 10 ? "N1" : "N0", CultureInfo.CurrentCulture);

    private string Tooltip(int index, decimal value) => $"{Points[index].Label}: {value.ToString(Format, CultureInfo.CurrentCulture)} {Unit}";

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Svg(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
