using System.Globalization;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain.Model;

namespace Prepaid.App.Wall;

/// <summary>One figure of the wall's KPI strip: its label key, its text, whether it is abnormal, and its test id.</summary>
public sealed record WallKpi(string Key, string Value, bool Abnormal, string TestId);

/// <summary>The slow figures the wall reads from the database every half minute.</summary>
/// <param name="EnergyTodayKwh">Energy through the incomers since site-local midnight.</param>
/// <param name="SalesToday">Recharges taken since site-local midnight, less those reversed.</param>
/// <param name="AccountsInArrears">Accounts whose balance is below zero.</param>
public sealed record WallDayFigures(decimal EnergyTodayKwh, decimal SalesToday, int AccountsInArrears)
{
    public static WallDayFigures None { get; } = new(0m, 0m, 0);
}

/// <summary>
/// The wall's KPIs, counted from the same symbols the diagram draws so the two always agree: a shop is off whatever
/// switched it off (arrears, the meter's own low-balance trip, over-power, an operator); a meter whose data is too old
/// counts as unknown, shown on its own, never dropped from a count.
/// </summary>
public static class WallKpis
{
    public static IReadOnlyList<WallKpi> Of(WallModel model, IReadOnlyDictionary<int, MeterSnapshot> states, DateTimeOffset now, WallDayFigures day, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(day);
        var meters = model.Shafts.SelectMany(s => s.Meters).Concat(
            model.Transformers.Where(t => t.IncomerMeterId is not null).Select(t => new WallMeter(t.IncomerMeterId!.Value, t.Code, MeterKind.Electricity, MeterRole.MainIncomer)))
            .ToList();
        var symbols = meters.Select(m => (Meter: m, State: WallSymbols.Of(states.GetValueOrDefault(m.Id), m.Kind, now))).ToList();
        var load = model.Transformers.Sum(t => t.IncomerMeterId is int id && states.GetValueOrDefault(id)?.PowerKw is { } kw ? kw : 0m);
        var online = symbols.Count(s => s.State is not (WallSymbolState.CommLost or WallSymbolState.Stale));
        var shopsOff = symbols.Count(s => s.Meter is { Kind: MeterKind.Electricity, Role: MeterRole.Tenant } && IsOff(s.State));
        var valves = symbols.Count(s => s.Meter.Kind == MeterKind.Water && IsOff(s.State));
        var lost = symbols.Count(s => s.State == WallSymbolState.CommLost);
        var unknown = symbols.Count(s => s.State == WallSymbolState.Stale);
        string N(decimal value, string format = "N0") => value.ToString(format, culture);
        return
        [
            new("Wall.Kpi.Load", N(load, "N1") + " kW", false, "kpi-load"),
            new("Wall.Kpi.Today", N(day.EnergyTodayKwh) + " kWh", false, "kpi-today"),
            new("Wall.Kpi.Sales", YuanText.Format(day.SalesToday), false, "kpi-sales"),
            new("Wall.Kpi.Online", $"{online} / {meters.Count}", online < meters.Count, "kpi-online"),
            new("Wall.Kpi.SupplyOff", N(shopsOff), shopsOff > 0, "kpi-off"),
            new("Wall.Kpi.ValvesClosed", N(valves), valves > 0, "kpi-valves"),
            new("Wall.Kpi.Arrears", N(day.AccountsInArrears), day.AccountsInArrears > 0, "kpi-arrears"),
            new("Wall.Kpi.CommLost", N(lost), lost > 0, "kpi-lost"),
            new("Wall.Kpi.Unknown", N(unknown), unknown > 0, "kpi-unknown"),
        ];
    }

    private static bool IsOff(WallSymbolState state) =>
        state is WallSymbolState.ArrearsTrip or WallSymbolState.LowBalanceTrip or WallSymbolState.OverPowerTrip or WallSymbolState.Open;
}
