using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Prepaid.App.Audit;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Audit;

/// <summary>The audit log query and export. The export tests share one host: they only read (a sign-in adds its own
/// audit entry, and the export is compared with the table as it is then).</summary>
public sealed class AuditQueryTests(PrepaidAppFactory factory) : IClassFixture<PrepaidAppFactory>
{
    private static readonly System.Security.Claims.ClaimsPrincipal Manager = AccessMatrixTests.Principal("m", Roles.Manager);

    private static async Task<TestDatabase> DatabaseWithEntriesAsync()
    {
        var database = await TestDatabase.CreateAsync(seedDemo: true);
        await using var db = database.CreateDbContext();
        // Asia/Shanghai is UTC+8: 2026-11-19 23:30 local is 15:30 UTC; 2026-11-20 00:30 local is 2026-11-19 16:30 UTC.
        db.AuditEntries.AddRange(
            Entry("alice", AuditKind.Login, new DateTimeOffset(2026, 11, 19, 15, 30, 0, TimeSpan.Zero)),
            Entry("alice", AuditKind.ControlCommand, new DateTimeOffset(2026, 11, 19, 16, 30, 0, TimeSpan.Zero)),
            Entry("bob_50%", AuditKind.LoginFailed, new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero)));
        await db.SaveChangesAsync();
        return database;
    }

    private static AuditEntry Entry(string user, AuditKind kind, DateTimeOffset at) =>
        new() { UserName = user, Kind = kind, Action = kind.ToString(), At = at, Target = "test" };

    [Theory]
    [InlineData("alice", null, null, null, 2)]
    [InlineData("ALI", null, null, null, 2)]
    [InlineData("50%", null, null, null, 1)]
    [InlineData("%", null, null, null, 1)]
    [InlineData(null, AuditKind.LoginFailed, null, null, 1)]
    [InlineData("alice", null, "2026-11-19", "2026-11-19", 1)]
    [InlineData("alice", null, "2026-11-20", null, 1)]
    [InlineData(null, null, "2026-11-21", null, 0)]
    public async Task GetPage_Filter_SelectsBySiteLocalDays(string? user, AuditKind? kind, string? from, string? to, int expected)
    {
        await using var database = await DatabaseWithEntriesAsync();
        var query = new AuditQuery(database);
        var filter = new AuditFilter(user, kind, from is null ? null : DateOnly.Parse(from), to is null ? null : DateOnly.Parse(to));

        var (rows, total) = await query.GetPageAsync(Manager, filter, 0, 50, CancellationToken.None);

        Assert.Equal(expected, rows.Count(r => r.Target == "test"));
        Assert.True(total >= expected);
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.DutyElectrician)]
    [InlineData(Roles.WallDisplay)]
    [InlineData(Roles.Tenant)]
    public async Task GetPage_RoleWithoutAuditPermission_IsRefused(string role)
    {
        await using var database = await TestDatabase.CreateAsync();
        var query = new AuditQuery(database);

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            query.GetPageAsync(AccessMatrixTests.Principal("x", role), new AuditFilter(), 0, 10, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            query.GetForExportAsync(AccessMatrixTests.Principal("x", role), new AuditFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task Export_Manager_GetsAReadableSpreadsheetOfTheFilteredRows()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync("/audit/export?kind=Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var expected = await CountAsync(factory, AuditKind.Login);
        Assert.Equal(expected, rows.Count);
        Assert.All(rows, r => Assert.Equal("Sign-in", r["Kind"]));
        Assert.Contains(rows, r => (string)r["User"] == "manager");
    }

    [Fact]
    public async Task Export_Chinese_HasChineseHeaders()
    {
        using var client = await factory.CreateSignedInClientAsync(acceptLanguage: "zh-CN");

        var bytes = await client.GetByteArrayAsync("/audit/export?kind=UserChange");

        await using var stream = new MemoryStream(bytes);
        var first = (IDictionary<string, object>)stream.Query(useHeaderRow: true).First();
        Assert.Contains("时间", first.Keys);
        Assert.Equal("用户变更", first["类别"]);
    }

    [Fact]
    public async Task Export_PeriodEndBeforeStart_IsRefusedWithItsReason()
    {
        using var client = await factory.CreateSignedInClientAsync();

        var response = await client.GetAsync("/audit/export?from=2026-11-20&to=2026-11-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before its start", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_DutyElectrician_IsRefused()
    {
        using var client = await factory.CreateSignedInClientAsync("electrician", "Demo-Electrician-2026");

        var response = await client.GetAsync("/audit/export");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/denied", response.Headers.Location!.AbsolutePath);
    }

    private static async Task<int> CountAsync(PrepaidAppFactory factory, AuditKind kind)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(a => a.Kind == kind);
    }
}
