using System.Globalization;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Wall;
namespace Prepaid.App.Wall.Pages;

/// <summary>The site's Level-1 one-line diagram in a fixed 1920x900 box that the browser scales to any screen.</summary>
public partial class OneLineDiagram
{
    private const int Left = 40;
    private const int Width = 1840;
    private const int Size = 30;
    private const int Pitch = 38;

    private static readonly WallSymbolState[] LegendStates = Enum.GetValues<WallSymbolState>();

    [Parameter, EditorRequired] public WallModel Model { get; set; } = default!;

    [Parameter, EditorRequired] public IReadOnlyDictionary<int, MeterSnapshot> States { get; set; } = new Dictionary<int, MeterSnapshot>();

    [Parameter] public DateTimeOffset Now { get; set; }

    private int ColumnWidth => Width / Math.Max(1, Model.Shafts.Count);

    private int PerRow => (ColumnWidth - 28) / Pitch;

    private int ColumnLeft(int column) => Left + (column * ColumnWidth);

    /// <summary>Each transformer sits over the shafts it feeds; its busbar section spans their columns.</summary>
    private IEnumerable<(WallTransformer Transformer, int Left, int Right, int CenterX)> Sections =>
        Model.Transformers.Select(t =>
        {
            var columns = Model.Shafts.Select((s, i) => (s, i)).Where(x => x.s.TransformerId == t.Id).Select(x => x.i).ToList();
            if (columns.Count == 0)
            {
                return (t, 0, 0, -1);
            }

            var left = ColumnLeft(columns.Min());
            var right = ColumnLeft(columns.Max()) + ColumnWidth;
            return (t, left, right, (left + right) / 2);
        }).Where(s => s.Item4 >= 0);

    private decimal Power(int? meterId) =>
        meterId is int id && States.TryGetValue(id, out var s) && s.PowerKw is { } kw ? kw : 0m;

    private decimal FeederLoad(WallShaft shaft) =>
        shaft.Meters.Where(m => m.Kind == Domain.Model.MeterKind.Electricity).Sum(m => Power(m.Id));

    private static string Kw(decimal kw) => kw.ToString("N1", CultureInfo.CurrentCulture) + " kW";

    private static string? Letter(WallSymbolState state) => state switch
    {
        WallSymbolState.ArrearsTrip => "¥",
        WallSymbolState.LowBalanceTrip => "2",
        WallSymbolState.OverPowerTrip => "P",
        WallSymbolState.KeepPower => "K",
        WallSymbolState.CommLost => "?",
        WallSymbolState.Stale => "~",
        _ => null,
    };
}
