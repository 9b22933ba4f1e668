using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Security;
using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Reports;

public sealed class ReportEndpointsTests
{
    private const string Password = "Reports-Test-2026";

    public static TheoryData<string> AllRoles() => [.. Roles.All];

    private static async Task<(GeneratedReport Sales, GeneratedReport General)> GenerateAsync(PrepaidAppFactory factory)
    {
        var generator = factory.Services.GetRequiredService<ReportGenerator>();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var sales = await generator.GenerateAsync(ReportKind.DailySales, ReportPeriod.Day(yesterday), "en", "test", false, [ReportFormat.Pdf], null, CancellationToken.None);
        var general = await generator.GenerateAsync(ReportKind.CommunicationFaults, ReportPeriod.Day(yesterday), "en", "test", false, [ReportFormat.Xlsx], null, CancellationToken.None);
        return (sales[0], general[0]);
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task PageAndDownloads_SignedInWithRole_ServedOrRefusedByTheReportsPermissions(string role)
    {
        await using var factory = new PrepaidAppFactory();
        await factory.CreateUserAsync("reporter", Password, role);
        using var client = await factory.CreateSignedInClientAsync("reporter", Password);
        var (sales, general) = await GenerateAsync(factory);

        var page = await client.GetAsync("/reports");
        var salesFile = await client.GetAsync($"/reports/files/{sales.Id}");
        var generalFile = await client.GetAsync($"/reports/files/{general.Id}");

        var canSales = RolePermissions.Allows([role], Permission.ViewSalesReports);
        var canAll = RolePermissions.Allows([role], Permission.ViewReports);
        Assert.Equal(canSales ? HttpStatusCode.OK : HttpStatusCode.Redirect, page.StatusCode);
        // A report the role may not see answers exactly like one that does not exist: ids cannot be probed.
        Assert.Equal(canSales ? HttpStatusCode.OK : HttpStatusCode.NotFound, salesFile.StatusCode);
        Assert.Equal(canAll ? HttpStatusCode.OK : HttpStatusCode.NotFound, generalFile.StatusCode);
        if (!canAll)
        {
            var unknown = await client.GetAsync("/reports/files/999999");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(await unknown.Content.ReadAsStringAsync(), await generalFile.Content.ReadAsStringAsync());
        }

        if (canSales)
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Daily sales", html);
            Assert.Equal(canAll, html.Contains("Communication faults", StringComparison.Ordinal));
            Assert.Equal("application/pdf", salesFile.Content.Headers.ContentType!.MediaType);
            using var pdf = PdfDocument.Open(await salesFile.Content.ReadAsByteArrayAsync());
            Assert.Contains("Daily sales", pdf.GetPage(1).Text);
        }
    }

    [Fact]
    public async Task Download_Anonymous_RedirectsToLogin()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var (sales, _) = await GenerateAsync(factory);

        var response = await client.GetAsync($"/reports/files/{sales.Id}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Download_UnknownOrMissingFile_NotFoundOrGone()
    {
        await using var factory = new PrepaidAppFactory();
        using var client = await factory.CreateSignedInClientAsync();
        var (sales, _) = await GenerateAsync(factory);
        File.Delete(Path.Combine(factory.Services.GetRequiredService<ReportStore>().Root, sales.FilePath));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/reports/files/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/reports/files/{sales.Id}")).StatusCode);
    }

    [Fact]
    public async Task RequestAsync_FinanceAskingForAGeneralReport_IsRefusedOnTheServer()
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        var generator = factory.Services.GetRequiredService<ReportGenerator>();
        var finance = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cashier"), new Claim(ClaimTypes.Role, Roles.Finance)], "test"));
        var day = ReportPeriod.Day(new DateOnly(2026, 11, 1));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => generator.RequestAsync(finance, ReportKind.EnergyAndMoney, ReportPeriod.Month(2026, 10), "en", null, CancellationToken.None));
        var allowed = await generator.RequestAsync(finance, ReportKind.DailySales, day, "zh-CN", null, CancellationToken.None);

        Assert.Equal(2, allowed.Count);
        Assert.All(allowed, r => Assert.Equal("cashier", r.GeneratedBy));
    }
}
