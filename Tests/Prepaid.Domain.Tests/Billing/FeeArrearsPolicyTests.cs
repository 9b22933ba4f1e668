using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Billing;

public sealed class FeeArrearsPolicyTests
{
    private static readonly DateTimeOffset FeePosted = new(2026, 11, 30, 16, 15, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = FeeArrearsPolicy.DefaultGrace;

    private static MoneyPicture Picture(decimal ledger, decimal? electricity, decimal? water = 0m) => new(
    [
        new MeterMoney(1, "E", MeterKind.Electricity, electricity, electricity is null ? null : FeePosted, 0m),
        new MeterMoney(2, "W", MeterKind.Water, water, water is null ? null : FeePosted, 0m),
    ], ledger);

    private static FeeArrearsDecision Decide(MoneyPicture picture, DateTimeOffset now, bool tripped = false, bool keepPower = false, bool otherTrip = false) =>
        FeeArrearsPolicy.Decide(picture, picture.Owed > 0 ? FeePosted : null, Grace, now, tripped, keepPower, otherTrip);

    [Fact]
    public void Decide_OwedButMetersCoverIt_Covered()
    {
        Assert.Equal(FeeArrearsState.Covered, Decide(Picture(-156.82m, 200m), FeePosted.AddDays(10)).State);
    }

    [Fact]
    public void Decide_UncoveredWithinGrace_GraceUntilThreeDaysAfterThePosting()
    {
        var decision = Decide(Picture(-156.82m, 61.58m, 10m), FeePosted.AddDays(2));

        Assert.Equal(FeeArrearsState.Grace, decision.State);
        Assert.Equal(FeePosted.AddDays(3), decision.GraceUntil);
    }

    [Fact]
    public void Decide_UncoveredAfterGrace_Trip()
    {
        Assert.Equal(FeeArrearsState.Trip, Decide(Picture(-156.82m, 61.58m, 10m), FeePosted.AddDays(3)).State);
    }

    [Fact]
    public void Decide_AfterGraceWithKeepPower_HeldByKeepPower()
    {
        Assert.Equal(FeeArrearsState.HeldByKeepPower, Decide(Picture(-156.82m, 1m), FeePosted.AddDays(4), keepPower: true).State);
    }

    [Fact]
    public void Decide_AfterGraceAlreadyOffForOperator_OtherTripDecides()
    {
        Assert.Equal(FeeArrearsState.OtherTrip, Decide(Picture(-156.82m, 1m), FeePosted.AddDays(4), otherTrip: true).State);
    }

    [Fact]
    public void Decide_MeterNeverRead_DoesNotTripOnAnUnknown()
    {
        Assert.Equal(FeeArrearsState.Unknown, Decide(Picture(-156.82m, null), FeePosted.AddDays(4)).State);
    }

    [Fact]
    public void Decide_TrippedAndStillOwing_Remain()
    {
        Assert.Equal(FeeArrearsState.Remain, Decide(Picture(-10m, 500m), FeePosted.AddDays(5), tripped: true).State);
    }

    [Fact]
    public void Decide_TrippedAndPaid_Release()
    {
        Assert.Equal(FeeArrearsState.Release, Decide(Picture(0m, 1m), FeePosted.AddDays(5), tripped: true).State);
    }

    [Fact]
    public void Decide_NothingOwed_Clear()
    {
        Assert.Equal(FeeArrearsState.Clear, Decide(Picture(12m, 1m), FeePosted.AddDays(5)).State);
    }

    [Fact]
    public void Decide_DebtNoChargeExplains_WaitsWithoutAnEnd()
    {
        var decision = FeeArrearsPolicy.Decide(Picture(-100m, 1m), null, Grace, FeePosted.AddDays(30), false, false, false);

        Assert.Equal(new FeeArrearsDecision(FeeArrearsState.Grace, null), decision);
    }
}

public sealed class MoneyPictureTests
{
    [Fact]
    public void Available_MetersPlusLedger_OwedIsTheNegativeLedger()
    {
        var picture = new MoneyPicture(
        [
            new MeterMoney(1, "E", MeterKind.Electricity, 61.58m, DateTimeOffset.UnixEpoch, 274.54m),
            new MeterMoney(2, "W", MeterKind.Water, 120m, DateTimeOffset.UnixEpoch, 0m),
        ], -156.82m);

        Assert.Equal(156.82m, picture.Owed);
        Assert.Equal(0m, picture.Held);
        Assert.Equal(456.12m, picture.InMeters);
        Assert.Equal(299.30m, picture.Available);
        Assert.True(picture.Complete);
    }

    [Fact]
    public void Complete_MeterNeverRead_False()
    {
        var picture = new MoneyPicture([new MeterMoney(1, "E", MeterKind.Electricity, null, null, 0m)], 5m);

        Assert.False(picture.Complete);
        Assert.Equal(5m, picture.Held);
        Assert.Null(picture.OldestReadAt);
    }
}
