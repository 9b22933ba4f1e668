using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Billing;

public sealed class PaymentWaterfallTests
{
    private static readonly DateTimeOffset Nov1 = new(2026, 10, 31, 16, 15, 0, TimeSpan.Zero);
    private long _id;

    private LedgerEntry Entry(LedgerEntryKind kind, decimal amount, DateTimeOffset at, string? key = null, string? causeType = null, string? causeId = null) => new()
    {
        Id = ++_id, AccountId = 42, Kind = kind, Amount = amount, OccurredAt = at, IdempotencyKey = key ?? $"k{_id}", RecordedBy = "test",
        CauseType = causeType, CauseId = causeId,
    };

    [Fact]
    public void Outstanding_FeesPartlyPaid_NamesTheNewestChargesOldestFirst()
    {
        // Two months of fees (100 + 20 share each), 150 paid: the November fee is paid, 90 of the rest is owed.
        var entries = new[]
        {
            Entry(LedgerEntryKind.PropertyFee, -100m, Nov1, "fee:10"),
            Entry(LedgerEntryKind.PublicAreaShare, -20m, Nov1.AddMinutes(5), "share:10"),
            Entry(LedgerEntryKind.Recharge, 150m, Nov1.AddDays(3)),
            Entry(LedgerEntryKind.PropertyFee, -100m, Nov1.AddDays(30), "fee:11"),
            Entry(LedgerEntryKind.PublicAreaShare, -20m, Nov1.AddDays(30).AddMinutes(5), "share:11"),
        };

        var owed = PaymentWaterfall.Outstanding(entries);

        Assert.Equal(["fee:11", "share:11"], owed.Select(o => o.Key));
        Assert.Equal([70m, 20m], owed.Select(o => o.Amount));
    }

    [Fact]
    public void Outstanding_PurchasesAndReversedFee_OnlyChargesNotReversedAreOwed()
    {
        var entries = new[]
        {
            Entry(LedgerEntryKind.Recharge, 500m, Nov1),
            Entry(LedgerEntryKind.MeterPurchase, -500m, Nov1),
            Entry(LedgerEntryKind.PropertyFee, -156.82m, Nov1.AddDays(1), "fee:a"),
            Entry(LedgerEntryKind.PropertyFee, -80m, Nov1.AddDays(2), "fee:wrong"),
            Entry(LedgerEntryKind.Reversal, 80m, Nov1.AddDays(2), causeType: InMemoryLedger.ReversalCauseType, causeId: "fee:wrong"),
        };

        var owed = PaymentWaterfall.Outstanding(entries);

        Assert.Equal([new OwedCharge("fee:a", LedgerEntryKind.PropertyFee, Nov1.AddDays(1), 156.82m)], owed);
    }

    [Fact]
    public void Outstanding_DebtWithoutCharge_IsOwedUnnamedFirst()
    {
        var entries = new[]
        {
            Entry(LedgerEntryKind.Recharge, 100m, Nov1, "r"),
            Entry(LedgerEntryKind.MeterPurchase, -100m, Nov1),
            Entry(LedgerEntryKind.Reversal, -100m, Nov1.AddHours(1), causeType: InMemoryLedger.ReversalCauseType, causeId: "r"),
            Entry(LedgerEntryKind.PropertyFee, -30m, Nov1.AddDays(1), "fee"),
        };

        var owed = PaymentWaterfall.Outstanding(entries);

        Assert.Equal([null, "fee"], owed.Select(o => o.Key));
        Assert.Equal([100m, 30m], owed.Select(o => o.Amount));
    }

    [Fact]
    public void Outstanding_BalanceNotNegative_OwesNothing()
    {
        Assert.Empty(PaymentWaterfall.Outstanding([Entry(LedgerEntryKind.Recharge, 10m, Nov1), Entry(LedgerEntryKind.PropertyFee, -10m, Nov1)]));
    }

    [Fact]
    public void Apply_A000042_SettlesTheFeeThenLeavesTheRestForTheMeters()
    {
        var owed = new[] { new OwedCharge("fee:11", LedgerEntryKind.PropertyFee, Nov1, 156.82m) };

        var result = PaymentWaterfall.Apply(owed, 500m);

        Assert.Equal(156.82m, result.ToOwed);
        Assert.Equal(343.18m, result.Remainder);
        Assert.Equal([new ChargeSettlement("fee:11", LedgerEntryKind.PropertyFee, 156.82m)], result.Settlements);
    }

    [Fact]
    public void Apply_PaymentSmallerThanDebt_PaysOldestFirstAndLeavesNothing()
    {
        var owed = new[]
        {
            new OwedCharge("fee:10", LedgerEntryKind.PropertyFee, Nov1, 70m),
            new OwedCharge("share:10", LedgerEntryKind.PublicAreaShare, Nov1, 20m),
        };

        var result = PaymentWaterfall.Apply(owed, 80m);

        Assert.Equal([70m, 10m], result.Settlements.Select(s => s.Amount));
        Assert.Equal(0m, result.Remainder);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.00001)]
    public void Apply_BadPayment_IsRefused(double payment)
    {
        Assert.Throws<BillingValidationException>(() => PaymentWaterfall.Apply([], (decimal)payment));
    }

    [Fact]
    public void Apply_RandomLedgers_SettlementsPlusRemainderArePaymentAndNeverExceedTheDebt()
    {
        var random = new Random(42);
        for (var run = 0; run < 2000; run++)
        {
            var entries = new List<LedgerEntry>();
            var at = Nov1;
            for (var i = random.Next(1, 12); i > 0; i--)
            {
                at = at.AddHours(random.Next(1, 100));
                entries.Add(random.Next(3) == 0
                    ? Entry(LedgerEntryKind.Recharge, random.Next(1, 50_000) / 100m, at)
                    : Entry(random.Next(2) == 0 ? LedgerEntryKind.PropertyFee : LedgerEntryKind.PublicAreaShare, -random.Next(1, 30_000) / 100m, at));
            }

            var owed = PaymentWaterfall.Outstanding(entries);
            var debt = Math.Max(0m, -entries.Sum(e => e.Amount));
            Assert.Equal(debt, owed.Sum(o => o.Amount));
            var payment = random.Next(1, 100_000) / 100m;
            var result = PaymentWaterfall.Apply(owed, payment);
            Assert.Equal(payment, result.ToOwed + result.Remainder);
            Assert.Equal(Math.Min(payment, debt), result.ToOwed);
            Assert.Equal(result.ToOwed, result.Settlements.Sum(s => s.Amount));
        }
    }
}
