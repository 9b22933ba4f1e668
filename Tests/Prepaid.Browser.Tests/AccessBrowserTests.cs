using Microsoft.Playwright;

namespace Prepaid.Browser.Tests;

public sealed class AccessBrowserTests
{
    [Fact]
    public async Task Meters_NotSignedIn_AsksForSignInThenReturnsToTheMeters()
    {
        await using var app = await BrowserApp.StartAsync();

        var page = await app.OpenAsync("/meters", userName: "electrician", password: "Demo-Electrician-2026");

        Assert.EndsWith("/meters", page.Url);
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("382 meters");
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheReasonAndStaysOnLogin()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.Browser.NewPageAsync(new BrowserNewPageOptions { Locale = "zh-CN" });
        await page.GotoAsync(app.BaseUrl + "meters");

        await page.Locator("#username").FillAsync("manager");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("[data-testid=sign-in]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=login-error]")).ToHaveTextAsync("登录失败：用户名或密码错误，或该账户目前无法登录。请重试或联系管理员。");
        await BrowserApp.SaveScreenshotAsync(page, "login-error-zh-CN");
    }

    [Fact]
    public async Task Finance_SignsInFromMeters_LandsOnTheDeskAndIsStillRefusedTheMeters()
    {
        await using var app = await BrowserApp.StartAsync();

        var page = await app.OpenAsync("/meters", userName: "cashier", password: "Demo-Cashier-2026");

        Assert.EndsWith("/cashier", page.Url);
        await Assertions.Expect(page.Locator("[data-testid=nav]")).ToContainTextAsync("Cashier");
        await Assertions.Expect(page.Locator("[data-testid=nav]")).Not.ToContainTextAsync("Meters");
        await page.GotoAsync(app.BaseUrl + "meters");
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToBeVisibleAsync();
        Assert.Contains("/account/denied", page.Url);
    }

    [Fact]
    public async Task Finance_GoesToTheRootInsideTheLiveCircuit_IsSentToTheDesk()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/tenants", userName: "cashier", password: "Demo-Cashier-2026");

        // A link to "/" inside the circuit never reaches the server's redirect; the router must send it on itself.
        await page.EvaluateAsync("Blazor.navigateTo('/')");

        // ToHaveURL polls; WaitForURL would wait for a load event that a navigation inside the circuit never fires.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/cashier$"));
        await Assertions.Expect(page.Locator("[data-testid=access-denied]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task SignOut_FromTheUserMenu_EndsTheSession()
    {
        await using var app = await BrowserApp.StartAsync();
        var page = await app.OpenAsync("/");

        await page.Locator("[data-testid=user-menu] button").ClickAsync();
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await page.Locator("#username").WaitForAsync();
        await page.GotoAsync(app.BaseUrl + "meters");

        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
    }
}

public sealed class ContentSecurityPolicyBrowserTests
{
    [Fact]
    public async Task Pages_UsedInteractively_RaiseNoPolicyViolations()
    {
        await using var app = await BrowserApp.StartAsync();
        var violations = new List<string>();
        var page = await app.Browser.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync(app.BaseUrl + "meters");
        await page.Locator("#username").FillAsync("manager");
        await page.Locator("#password").FillAsync("Demo-Manager-2026");
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await page.Locator("[data-interactive=yes]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=meter-count]")).ToHaveTextAsync("382 meters");
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.Locator("[data-testid=language-menu] button").ClickAsync();

        Assert.Empty(violations);
    }
}
