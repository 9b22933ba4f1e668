using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class MeterReplaceBrowserTests
{
    [Fact]
    public async Task Administrator_ReplacesAMeter_SeesItInTheHistory()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 1100 } });
        await page.GotoAsync(app.BaseUrl + "meters/10/replace");
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.Locator("#current").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("#new").FillAsync("Admin-Changed-2026");
        await page.Locator("#confirm").FillAsync("Admin-Changed-2026");
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        if (!page.Url.EndsWith("meters/10/replace", StringComparison.Ordinal))
        {
            await page.GotoAsync(app.BaseUrl + "meters/10/replace");
            await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }

        await Assertions.Expect(page.Locator("[data-testid=replace-current]")).ToBeVisibleAsync();
        await page.Locator("input[data-testid=replace-final]").FillAsync("1234.5");
        await page.Locator("input[data-testid=replace-serial]").FillAsync("24109999NEW1");
        var remaining = page.Locator("input[data-testid=replace-remaining]");
        if (await remaining.CountAsync() > 0)
        {
            await remaining.FillAsync("56.78");
        }

        await page.Locator("input[data-testid=replace-reason]").FillAsync("Display failed after a surge");
        await page.Locator("[data-testid=replace-submit]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=replace-result]")).ToContainTextAsync("Replacement recorded");
        await Assertions.Expect(page.Locator("[data-testid=replace-history]")).ToContainTextAsync("24109999NEW1");
        await BrowserApp.SaveScreenshotAsync(page, "meter-replace-en");
    }
}
