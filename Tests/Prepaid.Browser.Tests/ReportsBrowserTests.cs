using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class ReportsBrowserTests
{
    [Fact]
    public async Task Cashier_GeneratesDailySales_SeesItListedAndDownloadsThePdf()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/reports", userName: "cashier", password: "Demo-Cashier-2026");

        // Finance sees only the sales reports.
        await page.Locator("[data-testid=report-kind]").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option)).ToHaveCountAsync(2);
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Daily sales" }).ClickAsync();
        await page.Locator("[data-testid=report-run]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=report-done]")).ToContainTextAsync("Daily sales", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        var row = page.Locator("[data-testid=report-row]").First;
        await Assertions.Expect(row).ToContainTextAsync("cashier");
        await BrowserApp.SaveScreenshotAsync(page, "reports-cashier-en");

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("[data-testid=report-download]", new LocatorLocatorOptions { HasText = "PDF" }).ClickAsync());
        var path = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(path!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task Manager_InChinese_GeneratesTheEnergyAndMoneyReportForAMonth()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/reports", locale: "zh-CN");

        await page.Locator("[data-testid=report-kind]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "电量电费综合报表（期初期末）" }).ClickAsync();
        await page.Locator("[data-testid=report-run]").ClickAsync();

        // The click is taken at once (progress or the result shows), and the run ends in a result, not an error.
        var done = page.Locator("[data-testid=report-done]");
        await Assertions.Expect(page.Locator("[data-testid=report-progress]").Or(done)).Not.ToHaveCountAsync(0);
        await Assertions.Expect(done.Or(page.Locator("[data-testid=report-error]"))).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });
        await Assertions.Expect(done).ToContainTextAsync("电量电费综合报表");
        await Assertions.Expect(page.Locator("[data-testid=report-row]").First).ToContainTextAsync("中文");
        await BrowserApp.SaveScreenshotAsync(page, "reports-manager-zh");
    }
}
