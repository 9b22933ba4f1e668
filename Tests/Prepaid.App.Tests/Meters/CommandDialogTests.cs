using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Prepaid.App.Meters.Pages;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Meters;

public sealed class CommandDialogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 30, 0, TimeSpan.Zero); // 10:30 in Shanghai
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> ShowAsync(BunitContext ctx, bool needsExpiry)
    {
        var provider = ctx.Render<MudDialogProvider>();
        var parameters = new DialogParameters<CommandDialog>
        {
            { d => d.Title, "Keep power" },
            { d => d.Message, "Keep power on L1-101-E" },
            { d => d.NeedsExpiry, needsExpiry },
            { d => d.Zone, Shanghai },
            { d => d.Now, Now },
            { d => d.MaxDuration, TimeSpan.FromDays(31) },
        };
        var dialog = await provider.InvokeAsync(() => ctx.Services.GetRequiredService<IDialogService>().ShowAsync<CommandDialog>("Keep power", parameters));
        return (provider, dialog);
    }

    [Fact]
    public async Task Confirm_ReasonAndExpiryInSiteTime_ClosesWithTheExpiryInUtc()
    {
        await using var ctx = ComponentTestContext.Create("en");
        var (provider, dialog) = await ShowAsync(ctx, needsExpiry: true);
        Assert.Equal("2026-11-21T10:30", provider.Find("input[data-testid=command-expiry]").GetAttribute("value"));

        provider.Find("input[data-testid=command-expiry]").Input("2026-11-22T18:00");
        provider.Find("textarea[data-testid=command-reason]").Input("Wedding banquet tonight");
        provider.Find("[data-testid=command-confirm]").Click();

        var result = await dialog.Result;
        var confirmation = Assert.IsType<CommandConfirmation>(result!.Data);
        Assert.Equal("Wedding banquet tonight", confirmation.Reason);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), confirmation.ExpiresAt);
    }

    [Theory]
    [InlineData("2026-11-20T09:00", "The expiry must be in the future.")]
    [InlineData("2027-01-05T09:00", "Keep power may be granted for at most 31 days.")]
    [InlineData("", "Enter the date and time keep power ends.")]
    public async Task Confirm_BadExpiry_StaysOpenWithTheReason(string expiry, string message)
    {
        await using var ctx = ComponentTestContext.Create("en");
        var (provider, dialog) = await ShowAsync(ctx, needsExpiry: true);

        provider.Find("input[data-testid=command-expiry]").Input(expiry);
        provider.Find("textarea[data-testid=command-reason]").Input("Reason");
        provider.Find("[data-testid=command-confirm]").Click();

        Assert.Equal(message, provider.Find("[data-testid=command-dialog-error]").TextContent.Trim());
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Confirm_WithoutReason_IsDisabledAndTripNeedsNoExpiry()
    {
        await using var ctx = ComponentTestContext.Create("zh-CN");
        var (provider, _) = await ShowAsync(ctx, needsExpiry: false);

        Assert.Empty(provider.FindAll("[data-testid=command-expiry]"));
        Assert.True(provider.Find("[data-testid=command-confirm]").HasAttribute("disabled"));
        Assert.Contains("确认", provider.Find("[data-testid=command-confirm]").TextContent);
        provider.Find("textarea[data-testid=command-reason]").Input("冒烟");
        Assert.False(provider.Find("[data-testid=command-confirm]").HasAttribute("disabled"));
    }
}
