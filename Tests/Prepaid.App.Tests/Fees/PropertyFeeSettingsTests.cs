using Microsoft.EntityFrameworkCore;
using Prepaid.App.Fees;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Kernel.Ledger;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Fees;

public sealed class PropertyFeeSettingsTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = AccessMatrixTests.Principal("admin", Roles.Administrator);

    private static async Task<(LedgerTestBed Bed, PropertyFeeSettings Settings, int TenantId)> ArrangeAsync()
    {
        var bed = await LedgerTestBed.CreateAsync();
        await using var db = bed.Database.CreateDbContext();
        var tenantId = await db.Tenants.Select(t => t.Id).SingleAsync();
        return (bed, new PropertyFeeSettings(bed.Database, new AuditLog(bed.Database, bed.Clock), bed.Clock), tenantId);
    }

    [Fact]
    public async Task SetAsync_ValidRate_SavesAndAudits()
    {
        var (bed, settings, tenantId) = await ArrangeAsync();
        await using var _ = bed;

        await settings.SetAsync(Admin, tenantId, PropertyFeeBasis.PerSquareMetre, 12.5m, new DateOnly(2027, 1, 1), "127.0.0.1", default);

        await using var db = bed.Database.CreateDbContext();
        var saved = await db.PropertyFeeSettings.SingleAsync();
        Assert.Equal((PropertyFeeBasis.PerSquareMetre, 12.5m, "admin"), (saved.Basis, saved.Rate, saved.UpdatedBy));
        Assert.Equal("property-fee.set", (await db.AuditEntries.SingleAsync()).Action);
    }

    [Theory]
    [InlineData(PropertyFeeBasis.FixedMonthly, "480.005", 1, "whole fen")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "-1", 1, "zero or positive")]
    [InlineData(PropertyFeeBasis.PerSquareMetre, "12.5", 15, "1st of a month")]
    public async Task SetAsync_BrokenRule_RefusesAndSavesNothing(PropertyFeeBasis basis, string rate, int day, string expected)
    {
        var (bed, settings, tenantId) = await ArrangeAsync();
        await using var _ = bed;

        var error = await Assert.ThrowsAsync<BillingValidationException>(() =>
            settings.SetAsync(Admin, tenantId, basis, decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2027, 1, day), null, default));

        Assert.Contains(expected, error.Message);
        await using var db = bed.Database.CreateDbContext();
        Assert.False(await db.PropertyFeeSettings.AnyAsync());
    }

    [Fact]
    public async Task SetAsync_WithoutEditConfiguration_IsDenied()
    {
        var (bed, settings, tenantId) = await ArrangeAsync();
        await using var _ = bed;
        var cashier = AccessMatrixTests.Principal("cashier", Roles.Finance);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            settings.SetAsync(cashier, tenantId, PropertyFeeBasis.FixedMonthly, 480m, new DateOnly(2027, 1, 1), null, default));

        await using var db = bed.Database.CreateDbContext();
        Assert.False(await db.PropertyFeeSettings.AnyAsync());
    }
}
