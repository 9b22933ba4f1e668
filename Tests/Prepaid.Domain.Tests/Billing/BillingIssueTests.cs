using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Tests.Billing;

public class BillingIssueTests
{
    [Fact]
    public void Allocate_BrokenInputs_IssuesHaveListedCodesArgumentsAndTheSameEnglish()
    {
        var refused = Assert.Throws<BillingValidationException>(() => PublicAreaSharing.Allocate(
            SharingKey.FixedRatio, 10.001m, [new SharingParticipant(1, 0.5m), new SharingParticipant(1, 0.6m)], 20m));

        AssertListed(refused);
        Assert.Contains(refused.Issues, i => i.Code == "Sharing.TenantTwice");
    }

    [Fact]
    public void Allocate_RatiosNotSummingToOne_CarriesTheSum()
    {
        var refused = Assert.Throws<BillingValidationException>(() => PublicAreaSharing.Allocate(
            SharingKey.FixedRatio, 10m, [new SharingParticipant(1, 0.5m), new SharingParticipant(2, 0.6m)]));

        var issue = Assert.Single(refused.Issues);
        Assert.Equal("Sharing.RatiosNotOne", issue.Code);
        Assert.Equal([1.1m], issue.Args);
        AssertListed(refused);
    }

    [Fact]
    public void Amount_BadRateAndArea_IssuesHaveListedCodes()
    {
        var refused = Assert.Throws<BillingValidationException>(() => PropertyFee.Amount(new PropertyFeeRule(PropertyFeeBasis.PerSquareMetre, -0.00001m), -1m));

        Assert.Equal(["Fee.BadRate", "Fee.BadArea"], refused.Issues.Select(i => i.Code));
        AssertListed(refused);
    }

    private static void AssertListed(BillingValidationException refused)
    {
        Assert.Equal(refused.Errors, refused.Issues.Select(i => i.English));
        foreach (var issue in refused.Issues)
        {
            Assert.True(BillingIssueCodes.All.TryGetValue(issue.Code, out var count), issue.Code);
            Assert.Equal(count, issue.Args.Count);
        }
    }
}
