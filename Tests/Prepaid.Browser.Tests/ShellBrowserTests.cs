using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class ShellBrowserTests
{
    [Fact]
    public async Task Home_SwitchToChinese_ShowsChineseNavigationAndKeepsIt()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/");
        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("Site overview");
        await BrowserApp.SaveScreenshotAsync(page, "overview-en");

        await page.Locator("[data-testid=language-menu] button").ClickAsync();
        await page.Locator("[data-testid=language-zh-CN]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync();

        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("站点概览");
        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("表计");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await BrowserApp.SaveScreenshotAsync(page, "overview-zh-CN");

        // The choice is a cookie: a fresh navigation in the same browser context stays in Chinese.
        await page.GotoAsync(app.BaseUrl + "meters");
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await Assertions.Expect(page.Locator("h1, .mud-typography-h4").First).ToHaveTextAsync("表计");
    }

    [Fact]
    public async Task Meters_FilterWaterAndPage_ShowsThirtyWaterMeters()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/meters");
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("382 meters");

        await page.Locator("[data-testid=filter-kind]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Water", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("30 meters");
        await Assertions.Expect(page.Locator("[data-testid=meters-grid] tbody tr")).ToHaveCountAsync(30);
        await BrowserApp.SaveScreenshotAsync(page, "meters-water-en");
    }
}
