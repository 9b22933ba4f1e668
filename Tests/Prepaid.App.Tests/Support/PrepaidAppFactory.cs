using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Tests.Support;

/// <summary>The whole app in-process on its own fresh SQLite file, with the demo mall.</summary>
public sealed class PrepaidAppFactory : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "prepaid-tests", Guid.NewGuid().ToString("N"));

    public string DataFolder => _dataFolder;

    /// <summary>Settings applied after the defaults below, so a test can override them.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>Service replacements of one test (a clock, a counting password hasher ...).</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        TestDatabase.CopyMigratedInto(_dataFolder);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:DataDirectory", _dataFolder);
        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:HistoryDays", "0");
        builder.UseSetting("Localization:DefaultCulture", "en");
        // The simulator's fixed loopback ports would collide between hosts running in parallel.
        builder.UseSetting("Simulator:Enabled", "false");
        builder.UseSetting("Acquisition:Enabled", "false");
        // Scheduled jobs (and their catch-up runs at start) are driven by hand in the tests that need them.
        builder.UseSetting("Scheduling:Enabled", "false");
        // The tests sign in many times from one address; SignInThrottleTests sets a low limit of its own.
        builder.UseSetting("Security:SignInThrottle:PermitLimit", "100000");
        foreach (var (key, value) in Settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is not null)
        {
            builder.ConfigureTestServices(TestServices);
        }
    }

    /// <summary>A client signed in through the real login form (antiforgery token included).</summary>
    public async Task<HttpClient> CreateSignedInClientAsync(string userName = "manager", string password = "Demo-Manager-2026", string? acceptLanguage = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.Contains("error="))
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    /// <summary>The antiforgery token of the form on <paramref name="page"/>, as a browser would post it back.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page) =>
        Regex.Match(await client.GetStringAsync(page), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

    /// <summary>Posts the login form and returns the raw answer (a redirect).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var token = await AntiforgeryTokenAsync(client, "/account/login");
        return await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    /// <summary>Gives the first-run administrator a known password, keeping "must change at first sign-in".</summary>
    public async Task SetAdminPasswordForTestAsync(string password)
    {
        using var _ = CreateClient();
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        var admin = await users.FindByNameAsync("admin") ?? throw new InvalidOperationException("No first-run administrator.");
        var token = await users.GeneratePasswordResetTokenAsync(admin);
        var reset = await users.ResetPasswordAsync(admin, token, password);
        if (!reset.Succeeded)
        {
            throw new InvalidOperationException(string.Join(", ", reset.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>Creates a user with the given roles and password (no forced change) straight through Identity.</summary>
    public async Task CreateUserAsync(string userName, string password, params string[] roles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        var user = new PrepaidUser { UserName = userName, DisplayName = userName, LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRolesAsync(user, roles)).Succeeded)
        {
            throw new InvalidOperationException($"Could not create test user {userName}: {string.Join(", ", created.Errors.Select(e => e.Description))}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // See TestDatabase.DisposeAsync.
        }
    }
}
