using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Identity;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Identity;

/// <summary>
/// Every role against every protected page and service action that exists, as the table says. The page checks share
/// one host (each role signs in as a user of its own); the user administration checks, which change users, get a
/// host each.
/// </summary>
public sealed class AccessMatrixTests(PrepaidAppFactory shared) : IClassFixture<PrepaidAppFactory>
{
    private const string Password = "Matrix-Test-2026";

    // Pages and the permission each requires. "/" is not here: it sends a role without live state to its start
    // page instead of refusing it (LandingTests).
    private static readonly (string Path, Permission Permission)[] Pages =
    [
        ("/meters", Permission.ViewLiveState),
        ("/admin/users", Permission.ManageUsers),
        ("/audit", Permission.ViewAuditLog),
        ("/wall", Permission.ViewWallDisplay),
        ("/diagnostics", Permission.ViewLiveState),
        ("/meters/1", Permission.ViewLiveState),
    ];

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Pages_SignedInWithRole_AreServedOrRefusedAsTheTableSays(string role)
    {
        // A user of its own per role: the host is shared by the class, and no other test signs in as it.
        await shared.CreateUserAsync("matrix-" + role, Password, role);
        using var client = await shared.CreateSignedInClientAsync("matrix-" + role, Password);

        foreach (var (path, permission) in Pages)
        {
            var response = await client.GetAsync(path);
            if (RolePermissions.Allows([role], permission))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task UserAdministration_CalledWithRole_IsAllowedOnlyWithManageUsers(string role)
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
        var actor = Principal("actor", role);
        var allowed = RolePermissions.Allows([role], Permission.ManageUsers);

        async Task Expect(Func<Task> action)
        {
            if (allowed)
            {
                await action();
            }
            else
            {
                await Assert.ThrowsAsync<PermissionDeniedException>(action);
            }
        }

        var target = (await admin.ListAsync(Principal("root", Roles.Administrator))).First(u => u.UserName == "cashier").Id;
        await Expect(() => admin.ListAsync(actor));
        await Expect(() => admin.CreateAsync(actor, "new-user", "New", [Roles.Finance], null));
        await Expect(() => admin.SetRolesAsync(actor, target, [Roles.Finance, Roles.WallDisplay], null));
        await Expect(() => admin.SetDisabledAsync(actor, target, true, null));
        await Expect(() => admin.ResetPasswordAsync(actor, target, null));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/meters")]
    [InlineData("/no-such-page")]
    public async Task Pages_Anonymous_RedirectToLogin(string path)
    {
        using var client = shared.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task PublicEndpoints_Anonymous_Answer200(string path)
    {
        using var client = shared.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    internal static ClaimsPrincipal Principal(string name, params string[] roles) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), .. roles.Select(r => new Claim(ClaimTypes.Role, r))], "test"));
}
