using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class AdministrationBrowserTests
{
    [Fact]
    public async Task DutyElectrician_AdministrationPage_IsNeitherOfferedNorReachable()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/", userName: "electrician", password: "Demo-Electrician-2026");

        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("Meters");
        await Assertions.Expect(page.Locator("[data-testid=nav] a[href='admin/users']")).ToHaveCountAsync(0);

        await page.GotoAsync(app.BaseUrl + "admin/users");

        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=users-table]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Administrator_CreatesUser_WhoMustChangeTheOneTimePassword()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "admin/users");
        await page.Locator("#username").FillAsync("admin");
        await page.Locator("#password").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-testid=must-change]").WaitForAsync();
        await page.Locator("#current").FillAsync(BrowserApp.AdminPassword);
        await page.Locator("#new").FillAsync("Admin-Changed-2026");
        await page.Locator("#confirm").FillAsync("Admin-Changed-2026");
        await page.Locator("[data-testid=change-password]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync();

        await page.Locator("input[data-testid=new-username], [data-testid=new-username] input").FillAsync("nightshift");
        await page.Locator("input[data-testid=new-displayname], [data-testid=new-displayname] input").FillAsync("Night shift");
        await page.Locator("[data-testid=new-roles]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Duty electrician" }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
        await page.Locator("[data-testid=create-user]").ClickAsync();

        var notice = page.Locator("[data-testid=one-time-password]");
        await Assertions.Expect(notice).ToContainTextAsync("nightshift");
        await Assertions.Expect(page.Locator("[data-testid=users-table]")).ToContainTextAsync("Night shift");
        await BrowserApp.SaveScreenshotAsync(page, "users-en");
        var password = System.Text.RegularExpressions.Regex.Match(await notice.InnerTextAsync(), @"nightshift: (\S+)").Groups[1].Value;

        var other = await app.Browser.NewPageAsync();
        await other.GotoAsync(app.BaseUrl + "meters");
        await other.Locator("#username").FillAsync("nightshift");
        await other.Locator("#password").FillAsync(password);
        await other.Locator("[data-testid=sign-in]").ClickAsync();

        await Assertions.Expect(other.Locator("[data-testid=must-change]")).ToBeVisibleAsync();
    }
}
