using System.Globalization;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Tests.Billing;

public sealed class RechargeRulesTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    // balance, amount, limit, allowed, max acceptable
    [InlineData("100", "900", "1000", true, "900")]
    [InlineData("100", "900.01", "1000", false, "900")]
    [InlineData("-50", "1050", "1000", true, "1050")]
    [InlineData("1200", "0.01", "1000", false, "0")]
    [InlineData("0.005", "999.99", "1000", true, "999.99")]
    [InlineData("0.0101", "999.99", "1000", false, "999.98")]
    public void CheckHoardingLimit_Limit_RefusesWhatWouldExceedIt(string balance, string amount, string limit, bool allowed, string max)
    {
        var check = RechargeRules.CheckHoardingLimit(D(balance), D(amount), D(limit));

        Assert.Equal(allowed, check.Allowed);
        Assert.Equal(D(max), check.MaxAcceptable);
    }

    [Fact]
    public void CheckHoardingLimit_NoLimit_AllowsAnything()
    {
        Assert.Equal(new HoardingCheck(true, null), RechargeRules.CheckHoardingLimit(1_000_000m, 1_000_000m, null));
    }

    [Theory]
    [InlineData("0", "1000")]
    [InlineData("-1", "1000")]
    [InlineData("1.001", "1000")]
    [InlineData("1", "-1")]
    public void CheckHoardingLimit_InvalidInput_Throws(string amount, string limit)
    {
        Assert.Throws<BillingValidationException>(() => RechargeRules.CheckHoardingLimit(0m, D(amount), D(limit)));
    }

    [Theory]
    [InlineData(LedgerEntryKind.Refund, true)]
    [InlineData(LedgerEntryKind.Reversal, true)]
    [InlineData(LedgerEntryKind.Recharge, false)]
    [InlineData(LedgerEntryKind.Adjustment, false)]
    public void RequiresManagerApproval_Kind_OnlyRefundsAndReversals(LedgerEntryKind kind, bool expected)
    {
        Assert.Equal(expected, RechargeRules.RequiresManagerApproval(kind));
    }
}
