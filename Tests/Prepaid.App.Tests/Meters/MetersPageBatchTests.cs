using Bunit;
using MudBlazor;
using Prepaid.App.Meters.Pages;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters;

public sealed class MetersPageBatchTests
{
    [Fact]
    public async Task Batch_TwoSelectedMetersWithAcquisitionOff_RunsAndSummarizesTheRefusals()
    {
        await using var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var ctx = ComponentTestContext.Create("en", database, Roles.DutyElectrician);
        var popovers = ctx.Render<MudPopoverProvider>();
        var provider = ctx.Render<MudDialogProvider>();
        var cut = ctx.Render<MetersPage>();
        cut.WaitForAssertion(() => Assert.Equal("382 meters", cut.Find("[data-testid=meter-count]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("0 selected", cut.Find("[data-testid=selection-count]").TextContent);

        var boxes = cut.FindAll("[data-testid=meters-grid] tbody tr input[type=checkbox]");
        boxes[0].Change(true);
        cut.FindAll("[data-testid=meters-grid] tbody tr input[type=checkbox]")[1].Change(true);
        cut.WaitForAssertion(() => Assert.Equal("2 selected", cut.Find("[data-testid=selection-count]").TextContent));
        Assert.Contains("meters/export?ids=", cut.Find("[data-testid=batch-export]").GetAttribute("href"));

        cut.Find("[data-testid=batch-menu] button").Click();
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll("[data-testid=batch-Trip]")));
        Assert.Empty(popovers.FindAll("[data-testid=batch-KeepPower]")); // not the electrician's
        Assert.NotEmpty(popovers.FindAll("[data-testid=batch-ReadState]"));
        popovers.Find("[data-testid=batch-Trip]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Trip on 2 meters", provider.Find("[data-testid=command-dialog-text]").TextContent));
        provider.Find("textarea[data-testid=command-reason]").Input("Drill");
        provider.Find("[data-testid=command-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("yes", cut.Find("[data-testid=batch-panel]").GetAttribute("data-done")), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Equal("2 of 2 done: 0 confirmed, 0 failed, 2 refused", cut.Find("[data-testid=batch-summary]").TextContent));
        Assert.Contains("Acquisition is switched off", cut.Find("[data-testid=batch-items]").TextContent);
    }
}
