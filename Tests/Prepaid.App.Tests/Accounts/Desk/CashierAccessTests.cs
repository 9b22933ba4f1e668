using System.Net;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Tests.Accounts.Desk;

/// <summary>The desk's and the accounts' pages and the receipt endpoint for every role, as the permission table says.</summary>
public sealed class CashierAccessTests
{
    private const string Password = "Matrix-Test-2026";

    private static readonly (string Path, Permission Permission)[] Pages =
    [
        ("/cashier", Permission.ViewAccounts),
        ("/tenants", Permission.ViewAccounts),
        ("/tenants/accounts/1", Permission.ViewAccounts),
        ("/tenants/open", Permission.ManageAccounts),
    ];

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Pages_SignedInWithRole_AreServedOrRefusedAsTheTableSays(string role)
    {
        await using var factory = new PrepaidAppFactory();
        await factory.CreateUserAsync("matrix", Password, role);
        using var client = await factory.CreateSignedInClientAsync("matrix", Password);

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

        var receipt = await client.GetAsync("/cashier/receipts/R20261120-0001");
        Assert.Equal(RolePermissions.Allows([role], Permission.ViewAccounts) ? HttpStatusCode.NotFound : HttpStatusCode.Redirect, receipt.StatusCode);
    }
}
