using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Money;

namespace Prepaid.Domain.Tests.Billing;

public sealed class PropertyFeeTests
{
    private static readonly BillingMonth March = new(2026, 3);
    private static readonly DateTimeOffset RunAt = new(2026, 3, 1, 0, 10, 0, TimeSpan.FromHours(8));

    private static PropertyFeeTenant Tenant(
        int id = 7, decimal area = 120.5m, PropertyFeeRule? rule = null, decimal balance = 5000m, decimal overdraft = 0m) =>
        new(id, id + 100, area, rule ?? new PropertyFeeRule(PropertyFeeBasis.PerSquareMetre, 8.5m), balance, overdraft);

    [Theory]
    [InlineData(PropertyFeeBasis.FixedMonthly, "800", "999", "800")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "8.5", "120.5", "1024.25")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "0.005", "1", "0.01")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "0.0049", "1", "0.00")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "12.3456", "87.65", "1082.09")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "7.5", "0", "0")]
    public void Amount_Rule_IsFixedOrAreaTimesRateRoundedHalfAwayFromZero(
        PropertyFeeBasis basis, string rate, string area, string expected)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        var fee = PropertyFee.Amount(new PropertyFeeRule(basis, decimal.Parse(rate, ci)), decimal.Parse(area, ci));

        Assert.Equal(decimal.Parse(expected, ci), fee);
    }

    [Theory]
    [InlineData(PropertyFeeBasis.FixedMonthly, "-1", "10")]
    [InlineData(PropertyFeeBasis.FixedMonthly, "10.005", "10")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "1.00001", "10")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "1", "-10")]
    [InlineData((PropertyFeeBasis)9, "1", "10")]
    public void Amount_InvalidRuleOrArea_Throws(PropertyFeeBasis basis, string rate, string area)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Throws<BillingValidationException>(
            () => PropertyFee.Amount(new PropertyFeeRule(basis, decimal.Parse(rate, ci)), decimal.Parse(area, ci)));
    }

    [Fact]
    public void IdempotencyKey_TenantAndMonth_IsStable()
    {
        Assert.Equal("property-fee:42:2026-03", PropertyFee.IdempotencyKey(42, March));
        Assert.Equal("property-fee:1:0987-12", PropertyFee.IdempotencyKey(1, new BillingMonth(987, 12)));
    }

    [Fact]
    public void Plan_CoveredFee_ProducesTheLedgerEntry()
    {
        var charge = PropertyFee.Plan(Tenant(), March, RunAt, new HashSet<string>());

        Assert.Equal(PropertyFeeOutcome.Charge, charge.Outcome);
        Assert.Equal(1024.25m, charge.Fee);
        Assert.Equal(3975.75m, charge.BalanceAfter);
        Assert.True(charge.Covered);
        Assert.False(charge.TripsNow);
        var entry = Assert.IsType<LedgerEntry>(charge.Entry);
        Assert.Equal(LedgerEntryKind.PropertyFee, entry.Kind);
        Assert.Equal(-1024.25m, entry.Amount);
        Assert.Equal(107, entry.AccountId);
        Assert.Equal("property-fee:7:2026-03", entry.IdempotencyKey);
        Assert.Equal(RunAt, entry.OccurredAt);
        Assert.Equal(PropertyFee.DefaultRecordedBy, entry.RecordedBy);
        Assert.Equal("2026-03", entry.CauseId);
        Assert.Contains("120.5 m2 x 8.5 yuan/m2 = 1024.25", entry.Note);
        Assert.True(LedgerMath.HasValidSign(entry.Kind, entry.Amount));
    }

    [Theory]
    // balance, overdraft, covered, trips now
    [InlineData("1024.25", "0", true, true)]
    [InlineData("1024.26", "0", true, false)]
    [InlineData("500", "0", false, true)]
    [InlineData("500", "600", false, false)]
    [InlineData("500", "524.25", false, true)]
    public void Plan_BalanceAgainstFee_ReportsTheArrearsPath(string balance, string overdraft, bool covered, bool tripsNow)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;

        var charge = PropertyFee.Plan(
            Tenant(balance: decimal.Parse(balance, ci), overdraft: decimal.Parse(overdraft, ci)), March, RunAt, new HashSet<string>());

        Assert.Equal(covered, charge.Covered);
        Assert.Equal(tripsNow, charge.TripsNow);
    }

    [Fact]
    public void Plan_AlreadyPosted_ProducesNothing()
    {
        var posted = new HashSet<string> { "property-fee:7:2026-03" };

        var charge = PropertyFee.Plan(Tenant(), March, RunAt, posted);

        Assert.Equal(PropertyFeeOutcome.AlreadyCharged, charge.Outcome);
        Assert.Null(charge.Entry);
        Assert.Equal(0m, charge.Fee);
        Assert.Equal(5000m, charge.BalanceAfter);
    }

    [Fact]
    public void Plan_ZeroFee_ProducesNothing()
    {
        var charge = PropertyFee.Plan(Tenant(rule: new PropertyFeeRule(PropertyFeeBasis.FixedMonthly, 0m)), March, RunAt, new HashSet<string>());

        Assert.Equal(PropertyFeeOutcome.NoFee, charge.Outcome);
        Assert.Null(charge.Entry);
    }

    [Fact]
    public void PlanRun_Twice_SecondRunProducesNothing()
    {
        var tenants = Enumerable.Range(1, 50)
            .Select(i => Tenant(i, area: 20m + i, rule: i % 3 == 0 ? new PropertyFeeRule(PropertyFeeBasis.FixedMonthly, 300m) : null))
            .ToList();
        var ledger = new HashSet<string>();

        var first = PropertyFee.PlanRun(tenants, March, RunAt, ledger);
        foreach (var c in first.Where(c => c.Entry is not null))
        {
            Assert.True(ledger.Add(c.Entry!.IdempotencyKey));
        }

        var second = PropertyFee.PlanRun(tenants, March, RunAt.AddHours(3), ledger);
        var april = PropertyFee.PlanRun(tenants, new BillingMonth(2026, 4), RunAt.AddMonths(1), ledger);

        Assert.Equal(50, first.Count(c => c.Outcome == PropertyFeeOutcome.Charge));
        Assert.All(second, c => Assert.Equal(PropertyFeeOutcome.AlreadyCharged, c.Outcome));
        Assert.All(second, c => Assert.Null(c.Entry));
        Assert.Equal(50, april.Count(c => c.Outcome == PropertyFeeOutcome.Charge));
    }

    [Fact]
    public void PlanRun_DuplicateTenant_Throws()
    {
        Assert.Throws<BillingValidationException>(
            () => PropertyFee.PlanRun([Tenant(1), Tenant(1)], March, RunAt, new HashSet<string>()));
    }

    [Fact]
    public void BillingMonth_Of_FormatsAndValidates()
    {
        Assert.Equal("2026-12", BillingMonth.Of(new DateOnly(2026, 12, 31)).ToString());
        Assert.Equal(new DateOnly(2026, 2, 1), new BillingMonth(2026, 2).FirstDay);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BillingMonth(2026, 13));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BillingMonth(0, 1));
    }
}
