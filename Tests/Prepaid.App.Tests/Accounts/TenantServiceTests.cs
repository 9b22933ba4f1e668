using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts;

public sealed class TenantServiceTests
{
    private static TenantEdit Valid => new("新店", "New shop", "l2-015", 88.5m, BusinessType.Cafe, "王芳", "13912345678", null);

    [Fact]
    public async Task UpdateAsync_ValidEdit_SavesAndAuditsBeforeAndAfter()
    {
        await using var bed = await AccountTestBed.CreateAsync();

        var tenant = await bed.Tenants.UpdateAsync(CashierTestBed.Cashier, 1, Valid, "10.0.0.1", CancellationToken.None);

        Assert.Equal("L2-015", tenant.UnitNumber);
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "tenant.update");
        Assert.Contains("L1-001", audit.Before);
        Assert.Contains("L2-015", audit.After);
        Assert.Equal("cashier", audit.UserName);
    }

    [Fact]
    public async Task UpdateAsync_BadFields_AreAllNamedAndNothingChanges()
    {
        await using var bed = await AccountTestBed.CreateAsync();

        var e = await Assert.ThrowsAsync<AccountRefusedException>(() => bed.Tenants.UpdateAsync(CashierTestBed.Cashier, 1,
            Valid with { Name = " ", Mobile = "12345", LeasedAreaM2 = -1m, UnitNumber = "L2 015", MobileAlt = "1391234567x" }, null, CancellationToken.None));

        Assert.Equal(["LeasedAreaM2", "Mobile", "MobileAlt", "Name", "UnitNumber"], e.Errors.Keys.Order());
        await using var db = bed.Desk.Bed.Database.CreateDbContext();
        Assert.Equal("店铺1", (await db.Tenants.SingleAsync(t => t.Id == 1)).Name);
    }

    [Fact]
    public async Task UpdateAsync_UnitOfAnotherTenant_IsRefused()
    {
        await using var bed = await AccountTestBed.CreateAsync();

        var e = await Assert.ThrowsAsync<AccountRefusedException>(() => bed.Tenants.UpdateAsync(CashierTestBed.Cashier, 1, Valid with { UnitNumber = "L1-002" }, null, CancellationToken.None));

        Assert.Equal("unit-taken", e.Code);
    }

    [Fact]
    public async Task UpdateAsync_ByAManager_IsRefused()
    {
        await using var bed = await AccountTestBed.CreateAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() => bed.Tenants.UpdateAsync(CashierTestBed.Manager, 1, Valid, null, CancellationToken.None));
    }
}
