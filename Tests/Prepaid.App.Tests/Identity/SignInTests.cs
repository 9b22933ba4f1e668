using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Identity;

public sealed partial class SignInTests
{
    private static HttpClient NoRedirects(PrepaidAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = NoRedirects(factory);

        for (var i = 0; i < 5; i++)
        {
            var wrong = await PrepaidAppFactory.SignInAsync(client, "manager", "Wrong-Password-1");
            Assert.Contains("error=invalid", wrong.Headers.Location!.OriginalString);
        }

        var right = await PrepaidAppFactory.SignInAsync(client, "manager", "Demo-Manager-2026");

        // The anonymous caller is told no more than for a wrong password; the audit tells the administrators.
        Assert.Contains("error=invalid", right.Headers.Location!.OriginalString);
        Assert.False(right.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("prepaid.auth", StringComparison.Ordinal)));
        Assert.Contains(await AuditAsync(factory), a => a.Action == "login.locked" && a.UserName == "manager");
    }

    [Fact]
    public async Task SignIn_DisabledUser_IsRefusedLikeAWrongPasswordAndAudited()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = NoRedirects(factory);
        await DisableAsync(factory, "cashier");

        var response = await PrepaidAppFactory.SignInAsync(client, "cashier", "Demo-Cashier-2026");

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Contains(await AuditAsync(factory), a => a.Action == "login.disabled" && a.UserName == "cashier");
    }

    [Fact]
    public async Task SignIn_UnknownWrongDisabledOrLocked_AnswerTheSameMessage()
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        await factory.CreateUserAsync("same-wrong", "Same-Wrong-2026", Roles.Manager);
        await factory.CreateUserAsync("same-disabled", "Same-Disabled-2026", Roles.Manager);
        await factory.CreateUserAsync("same-locked", "Same-Locked-2026", Roles.Manager);
        await DisableAsync(factory, "same-disabled");
        await LockAsync(factory, "same-locked");

        var answers = new List<(string Location, string Message)>();
        foreach (var (userName, password) in new[]
                 {
                     ("same-nobody", "Same-Nobody-2026"), ("same-wrong", "Not-The-Password-1"),
                     ("same-disabled", "Same-Disabled-2026"), ("same-locked", "Same-Locked-2026"),
                 })
        {
            using var client = NoRedirects(factory);
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
            var location = (await PrepaidAppFactory.SignInAsync(client, userName, password)).Headers.Location!.OriginalString;
            var alert = LoginError().Match(await client.GetStringAsync(location)).Groups[1].Value;
            answers.Add((location, Regex.Replace(alert, "<[^>]+>", "").Trim()));
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("error=invalid", answers[0].Location);
        Assert.NotEmpty(answers[0].Message);
    }

    [Theory]
    [InlineData("verify-nobody", false, false)]
    [InlineData("verify-known", false, false)]
    [InlineData("verify-disabled", true, false)]
    [InlineData("verify-locked", false, true)]
    public async Task SignIn_AnyFailure_VerifiesOnePasswordHash(string userName, bool disabled, bool locked)
    {
        var hasher = new CountingPasswordHasher();
        await using var factory = new PrepaidAppFactory { TestServices = s => s.AddScoped<IPasswordHasher<PrepaidUser>>(_ => hasher) };
        using var client = NoRedirects(factory);
        if (userName != "verify-nobody")
        {
            await factory.CreateUserAsync(userName, "Verify-Known-2026", Roles.Manager);
        }

        if (disabled)
        {
            await DisableAsync(factory, userName);
        }

        if (locked)
        {
            await LockAsync(factory, userName);
        }

        var before = hasher.Verifications;
        var response = await PrepaidAppFactory.SignInAsync(client, userName, "Wrong-Password-1");

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
        Assert.Equal(1, hasher.Verifications - before);
    }

    [Fact]
    public async Task FirstRunAdministrator_SignedIn_IsSentToChangePasswordUntilItIsChanged()
    {
        await using var factory = new PrepaidAppFactory();
        await factory.SetAdminPasswordForTestAsync("First-Run-2026a");
        using var client = NoRedirects(factory);

        var signIn = await PrepaidAppFactory.SignInAsync(client, "admin", "First-Run-2026a");
        var home = await client.GetAsync("/meters");

        Assert.StartsWith("/account/change-password", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/change-password", home.Headers.Location!.OriginalString);

        var changed = await ChangePasswordAsync(client, "First-Run-2026a", "Second-Pass-2026b");
        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/meters")).StatusCode);
    }

    [Theory]
    [InlineData("First-Run-2026a", "Other-Pass-2026", "Different-2026", "mismatch")]
    [InlineData("Wrong-Current-1", "Second-Pass-2026b", "Second-Pass-2026b", "wrong")]
    [InlineData("First-Run-2026a", "short", "short", "policy")]
    [InlineData("First-Run-2026a", "First-Run-2026a", "First-Run-2026a", "same")]
    public async Task ChangePassword_BadInput_IsRefusedWithItsReasonAndChangesNothing(string current, string next, string confirm, string code)
    {
        await using var factory = new PrepaidAppFactory();
        await factory.SetAdminPasswordForTestAsync("First-Run-2026a");
        using var client = NoRedirects(factory);
        await PrepaidAppFactory.SignInAsync(client, "admin", "First-Run-2026a");

        var response = await ChangePasswordAsync(client, current, next, confirm);

        Assert.Contains($"error={code}", response.Headers.Location!.OriginalString);
        using var fresh = NoRedirects(factory);
        var again = await PrepaidAppFactory.SignInAsync(fresh, "admin", "First-Run-2026a");
        Assert.StartsWith("/account/change-password", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignInAndOut_AreAuditedWithUserAndAddress()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = await factory.CreateSignedInClientAsync();
        await PrepaidAppFactory.SignInAsync(NoRedirects(factory), "manager", "Wrong-Password-1");
        var token = await PrepaidAppFactory.AntiforgeryTokenAsync(client, "/account/denied");

        await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var audit = await AuditAsync(factory);
        // TestServer has no remote address; the address is asserted where a real socket exists (UserChanges test passes one).
        Assert.Contains(audit, a => a.Kind == AuditKind.Login && a.UserName == "manager" && a.Target == "user:manager");
        Assert.Contains(audit, a => a.Kind == AuditKind.LoginFailed && a.Action == "login.invalid" && a.UserName == "manager");
        Assert.Contains(audit, a => a.Kind == AuditKind.SignOut && a.UserName == "manager");
    }

    [Fact]
    public async Task UserChanges_AreAuditedWithBeforeAndAfter()
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var root = AccessMatrixTests.Principal("root", Roles.Administrator);

        await admin.CreateAsync(root, "newbie", "New Cashier", [Roles.Finance], "10.0.0.9");
        var id = (await admin.ListAsync(root)).Single(u => u.UserName == "newbie").Id;
        await admin.SetRolesAsync(root, id, [Roles.Finance, Roles.Manager], "10.0.0.9");
        await admin.SetDisabledAsync(root, id, true, "10.0.0.9");
        await admin.ResetPasswordAsync(root, id, "10.0.0.9");

        var audit = (await AuditAsync(factory)).Where(a => a.Target == "user:newbie").ToList();
        Assert.Equal(["user.create", "user.roles", "user.disable", "user.reset-password"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("root", AuditKind.UserChange, "10.0.0.9"), (a.UserName, a.Kind, a.Address)));
        var roles = audit.Single(a => a.Action == "user.roles");
        Assert.Contains("Finance", roles.Before);
        Assert.DoesNotContain("Manager", roles.Before);
        Assert.Contains("Manager", roles.After);
        Assert.Contains("\"disabled\":false", audit.Single(a => a.Action == "user.disable").Before);
    }

    [Fact]
    public async Task UserAdministration_BadRequests_AreRefusedWithSpecificCodes()
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var root = AccessMatrixTests.Principal("root", Roles.Administrator);

        async Task<string> Code(Func<Task> action) => (await Assert.ThrowsAsync<UserAdministrationException>(action)).Code;

        Assert.Equal("user.exists", await Code(() => admin.CreateAsync(root, "cashier", "Dup", [Roles.Finance], null)));
        Assert.Equal("user.name", await Code(() => admin.CreateAsync(root, "a b", "Space", [Roles.Finance], null)));
        Assert.Equal("roles.none", await Code(() => admin.CreateAsync(root, "nobody", "None", [], null)));
        Assert.Equal("roles.unknown", await Code(() => admin.CreateAsync(root, "weird", "Weird", ["Root"], null)));
        Assert.Equal("user.missing", await Code(() => admin.SetDisabledAsync(root, "no-such-id", true, null)));
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string next, string? confirm = null)
    {
        var token = await PrepaidAppFactory.AntiforgeryTokenAsync(client, "/account/change-password");
        return await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CurrentPassword"] = current,
            ["NewPassword"] = next,
            ["ConfirmPassword"] = confirm ?? next,
            ["ReturnUrl"] = "/",
        }));
    }

    private static async Task DisableAsync(PrepaidAppFactory factory, string userName)
    {
        using var scope = factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var root = AccessMatrixTests.Principal("root", Roles.Administrator);
        var id = (await admin.ListAsync(root)).Single(u => u.UserName == userName).Id;
        await admin.SetDisabledAsync(root, id, true, null);
    }

    private static async Task LockAsync(PrepaidAppFactory factory, string userName)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PrepaidUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>The real hasher, counting how often a sign-in asks it to verify a password.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<PrepaidUser>
    {
        private readonly PasswordHasher<PrepaidUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(PrepaidUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PrepaidUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    private static async Task<List<AuditEntry>> AuditAsync(PrepaidAppFactory factory)
    {
        var db = factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
        await using var ctx = await db.CreateDbContextAsync();
        return await ctx.AuditEntries.OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task SignIn_WallDisplayAccount_GetsALongPersistentSessionOthersASessionCookie()
    {
        await using var factory = new PrepaidAppFactory();

        var wall = await PrepaidAppFactory.SignInAsync(NoRedirects(factory), "wall", "Demo-Wall-2026");
        var manager = await PrepaidAppFactory.SignInAsync(NoRedirects(factory), "manager", "Demo-Manager-2026");

        var wallCookie = wall.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("prepaid.auth", StringComparison.Ordinal));
        var expires = DateTimeOffset.Parse(Regex.Match(wallCookie, "expires=([^;]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(29), TimeSpan.FromDays(31));
        var managerCookie = manager.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("prepaid.auth", StringComparison.Ordinal));
        Assert.DoesNotContain("expires=", managerCookie);
    }

    [Fact]
    public async Task SignIn_UnknownUser_IsRefusedAndAudited()
    {
        await using var factory = new PrepaidAppFactory();

        var response = await PrepaidAppFactory.SignInAsync(NoRedirects(factory), "nobody", "Whatever-2026");

        Assert.Contains("error=invalid", response.Headers.Location!.OriginalString);
        Assert.Contains(await AuditAsync(factory), a => a.Kind == AuditKind.LoginFailed && a.UserName == "nobody");
    }

    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/account/logout")]
    [InlineData("/account/change-password")]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefusedAndChangesNothing(string path)
    {
        await using var factory = new PrepaidAppFactory();
        using var client = path == "/account/signin" ? NoRedirects(factory) : await factory.CreateSignedInClientAsync();

        var response = await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "manager",
            ["Password"] = "Demo-Manager-2026",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("prepaid.auth", StringComparison.Ordinal)));
        if (path != "/account/signin")
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/meters")).StatusCode);
        }
    }

    [GeneratedRegex("""data-testid="login-error"[^>]*>(.*?)<form""", RegexOptions.Singleline)]
    private static partial Regex LoginError();
}
