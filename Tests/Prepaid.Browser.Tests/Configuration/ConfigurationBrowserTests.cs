using Microsoft.Playwright;

namespace Prepaid.Browser.Tests.Configuration;

public sealed class ConfigurationBrowserTests
{
    private static async Task<IPage> SignInAsAdministratorAsync(BrowserApp app, string path)
    {
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "en-US", ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        await page.GotoAsync(app.BaseUrl + path);
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.Locator("#current").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("#new").FillAsync("Admin-Changed-2026");
        await page.Locator("#confirm").FillAsync("Admin-Changed-2026");
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        return page;
    }

    [Fact]
    public async Task Administrator_ExportsThenImportsTheSameFileAndThenALegacyXls_DryRunsAndApplies()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await SignInAsAdministratorAsync(app, "configuration/import");
        await Assertions.Expect(page.Locator("[data-testid=nav-configuration]")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=import-export]").ClickAsync());
        var exported = Path.Combine(Path.GetTempPath(), $"prepaid-export-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(exported);
        try
        {
            await page.Locator("input[type=file]").Last.SetInputFilesAsync(exported);
            var summary = page.Locator("[data-testid=import-summary]");
            await Assertions.Expect(summary).ToContainTextAsync("0 new", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
            await Assertions.Expect(summary).ToContainTextAsync("0 changed");
            await Assertions.Expect(summary).ToContainTextAsync("0 errors");
            await Assertions.Expect(page.Locator("[data-testid=import-apply]")).ToBeDisabledAsync();
        }
        finally
        {
            File.Delete(exported);
        }

        var legacy = Path.Combine(RepositoryRoot(), "Tests", "Prepaid.App.Tests", "Configuration", "Fixtures", "legacy.xls");
        await page.Locator("input[type=file]").Last.SetInputFilesAsync(legacy);
        await Assertions.Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("5 new", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=import-rows]")).ToContainTextAsync("GW-XLS");
        await BrowserApp.SaveScreenshotAsync(page, "configuration-import-dry-run-en");
        await page.Locator("[data-testid=import-apply]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=import-applied]")).ToContainTextAsync("Imported: 5 new and 0 changed rows.");

        await page.GotoAsync(app.BaseUrl + "configuration/meters");
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await page.Locator("input[data-testid=meters-config-search]").FillAsync("XLS-0001");
        await Assertions.Expect(page.Locator("[data-testid=meters-config-table] tbody tr")).ToHaveCountAsync(1);
        await page.Locator("[data-testid^=meter-edit-]").First.ClickAsync();
        await page.Locator("input[data-testid=meter-address]").FillAsync("248");
        await page.Locator("[data-testid=meter-save]").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog [data-testid=config-errors]")).ToContainTextAsync("Address must be between 1 and 247; found 248.");
        await BrowserApp.SaveScreenshotAsync(page, "configuration-meter-dialog-en");
    }

    [Fact]
    public async Task Manager_ConfigurationPages_AreReadOnlyAndImportIsRefused()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("configuration/gateways");

        await Assertions.Expect(page.Locator("[data-testid=gateways-table]")).ToContainTextAsync("GW-S1");
        await Assertions.Expect(page.Locator("[data-testid=gateway-new]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(page, "configuration-gateways-manager-en");
        await page.GotoAsync(app.BaseUrl + "configuration/import");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("account/denied"));

        var chinese = await app.OpenAsync("configuration/meters", locale: "zh-CN");
        await Assertions.Expect(chinese.Locator("[data-testid=meters-config-table]")).ToContainTextAsync("共 382 块表");
        await Assertions.Expect(chinese.Locator("[data-testid=meters-config-table]")).ToContainTextAsync("表号");
        await Assertions.Expect(chinese.Locator("[data-testid=meter-new]")).ToHaveCountAsync(0);
        await BrowserApp.SaveScreenshotAsync(chinese, "configuration-meters-manager-zh");
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Prepaid.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Prepaid.sln not found.");
    }
}
