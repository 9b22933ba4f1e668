using System.Globalization;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Wall;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Wall;

public sealed class WallKpisTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private static MeterSnapshot Snapshot(int id, bool? supply, MeterStatusFlags flags = MeterStatusFlags.None, decimal remaining = 100m, int ageSeconds = 10, decimal kw = 1m) =>
        new(id, ValueQuality.Good, Now, Now.AddSeconds(-ageSeconds), kw, 10m, null, remaining, supply, (int)flags);

    /// <summary>Incomer 1; shops 2 to 6 (electricity), public meter 7, water meters 8 and 9.</summary>
    private static WallModel Model() => new("Mall",
        [new WallTransformer(1, "T1", "Transformer 1", 1)],
        [new WallShaft(1, "S1", 1,
        [
            new WallMeter(2, "A-101", MeterKind.Electricity, MeterRole.Tenant),
            new WallMeter(3, "A-102", MeterKind.Electricity, MeterRole.Tenant),
            new WallMeter(4, "A-103", MeterKind.Electricity, MeterRole.Tenant),
            new WallMeter(5, "A-104", MeterKind.Electricity, MeterRole.Tenant),
            new WallMeter(6, "A-105", MeterKind.Electricity, MeterRole.Tenant),
            new WallMeter(7, "Lighting", MeterKind.Electricity, MeterRole.PublicArea),
            new WallMeter(8, "A-101 W", MeterKind.Water, MeterRole.Tenant),
            new WallMeter(9, "A-102 W", MeterKind.Water, MeterRole.Tenant),
        ])]);

    private static Dictionary<string, WallKpi> Kpis(Dictionary<int, MeterSnapshot> states, WallDayFigures? day = null) =>
        WallKpis.Of(Model(), states, Now, day ?? WallDayFigures.None, CultureInfo.InvariantCulture).ToDictionary(k => k.TestId);

    [Fact]
    public void Of_ShopsOffForEveryReason_CountsEachAsOffAndLeavesPublicMetersOut()
    {
        var states = new Dictionary<int, MeterSnapshot>
        {
            [1] = Snapshot(1, true, kw: 651.5m),
            [2] = Snapshot(2, false, MeterStatusFlags.Alarm2 | MeterStatusFlags.Alarm1, 12m),
            [3] = Snapshot(3, false, MeterStatusFlags.Arrears, 0m),
            [4] = Snapshot(4, false, MeterStatusFlags.OverPower),
            [5] = Snapshot(5, false),
            [6] = Snapshot(6, true),
            [7] = Snapshot(7, false),
            [8] = Snapshot(8, false, MeterStatusFlags.PrepaidEnabled | MeterStatusFlags.Alarm2, 8m),
            [9] = Snapshot(9, true, MeterStatusFlags.PrepaidEnabled),
        };

        var kpis = Kpis(states);

        Assert.Equal(("4", true), (kpis["kpi-off"].Value, kpis["kpi-off"].Abnormal));
        Assert.Equal("1", kpis["kpi-valves"].Value);
        Assert.Equal("651.5 kW", kpis["kpi-load"].Value);
        Assert.Equal(("9 / 9", "0", "0"), (kpis["kpi-online"].Value, kpis["kpi-lost"].Value, kpis["kpi-unknown"].Value));
    }

    [Fact]
    public void Of_StaleAndNeverReadMeters_CountAsUnknownAndLostNotDropped()
    {
        var states = new Dictionary<int, MeterSnapshot>
        {
            [1] = Snapshot(1, true),
            [2] = Snapshot(2, false, MeterStatusFlags.Arrears, 0m, ageSeconds: 600),
            [3] = Snapshot(3, true, ageSeconds: 600),
            [8] = Snapshot(8, false, MeterStatusFlags.PrepaidEnabled, 40m, ageSeconds: 600),
        };

        var kpis = Kpis(states);

        // Only the incomer is current; 2, 3 and 8 are stale (unknown); 4, 5, 6, 7 and 9 were never read (lost).
        Assert.Equal(("1 / 9", "3", "5"), (kpis["kpi-online"].Value, kpis["kpi-unknown"].Value, kpis["kpi-lost"].Value));
        Assert.Equal(("0", "0"), (kpis["kpi-off"].Value, kpis["kpi-valves"].Value));
        Assert.True(kpis["kpi-unknown"].Abnormal);
    }

    [Fact]
    public void Of_DayFigures_ShowSalesAndAccountsInArrears()
    {
        var kpis = Kpis([], new WallDayFigures(1234.5m, 18250.4m, 7));

        Assert.Equal(("1,235 kWh", "¥18,250.40", "7", true), (kpis["kpi-today"].Value, kpis["kpi-sales"].Value, kpis["kpi-arrears"].Value, kpis["kpi-arrears"].Abnormal));
    }
}
