using Prepaid.Domain.Model;
using Prepaid.Domain.Money;

namespace Prepaid.Domain.Tests.Money;

public sealed class LedgerMathTests
{
    [Fact]
    public void Balance_Entries_IsTheirExactSum()
    {
        LedgerEntry Entry(LedgerEntryKind kind, decimal amount) => new()
        {
            Kind = kind,
            Amount = amount,
            IdempotencyKey = Guid.NewGuid().ToString(),
            RecordedBy = "test",
        };

        var entries = new[]
        {
            Entry(LedgerEntryKind.Recharge, 100.10m),
            Entry(LedgerEntryKind.EnergyCharge, -0.1234m),
            Entry(LedgerEntryKind.EnergyCharge, -0.0001m),
            Entry(LedgerEntryKind.Refund, -50m),
        };

        Assert.Equal(49.9765m, LedgerMath.Balance(entries));
    }

    [Fact]
    public void Balance_NoEntries_IsZero() => Assert.Equal(0m, LedgerMath.Balance([]));

    [Theory]
    [InlineData(LedgerEntryKind.Recharge, 1, true)]
    [InlineData(LedgerEntryKind.Recharge, -1, false)]
    [InlineData(LedgerEntryKind.Recharge, 0, false)]
    [InlineData(LedgerEntryKind.EnergyCharge, -1, true)]
    [InlineData(LedgerEntryKind.EnergyCharge, 1, false)]
    [InlineData(LedgerEntryKind.WaterCharge, -1, true)]
    [InlineData(LedgerEntryKind.PropertyFee, -1, true)]
    [InlineData(LedgerEntryKind.PublicAreaShare, 1, false)]
    [InlineData(LedgerEntryKind.Refund, -1, true)]
    [InlineData(LedgerEntryKind.OpeningBalance, 0, true)]
    [InlineData(LedgerEntryKind.OpeningBalance, -1, false)]
    [InlineData(LedgerEntryKind.Reversal, 1, true)]
    [InlineData(LedgerEntryKind.Reversal, -1, true)]
    [InlineData(LedgerEntryKind.Adjustment, 0, false)]
    public void HasValidSign_KindAndAmount_MatchesTheCreditDebitRule(LedgerEntryKind kind, int amount, bool expected)
    {
        Assert.Equal(expected, LedgerMath.HasValidSign(kind, amount));
    }
}
