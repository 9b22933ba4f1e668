using System.IO.Compression;
using System.Net;
using System.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Hosting;

/// <summary>
/// Names that look like formulas (a tenant called =HYPERLINK(...), a contact +cmd..., a meter @SUM(...)) leave every
/// export as text: the workbooks hold no formula element, so a spreadsheet program shows them and runs nothing.
/// </summary>
public sealed class SpreadsheetExportTests
{
    private const string Tenant = "=HYPERLINK(\"http://evil.example\",\"Pay here\")";
    private const string Contact = "+cmd|' /C calc'!A0";
    private const string Meter = "@SUM(1+1)*cmd|' /C calc'!A0";

    [Fact]
    public async Task Export_NamesThatLookLikeFormulas_AreWrittenAsTextInEveryWorkbook()
    {
        await using var factory = new PrepaidAppFactory();
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync())
        {
            var meter = await db.Meters.Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null).OrderBy(m => m.Id).FirstAsync();
            var account = await db.Accounts.SingleAsync(a => a.Id == meter.AccountId);
            var tenant = await db.Tenants.SingleAsync(t => t.Id == account.TenantId);
            (tenant.Name, tenant.NameEn, tenant.ContactName, meter.Name) = (Tenant, Tenant, Contact, Meter);
            await db.SaveChangesAsync();
            await factory.Services.GetRequiredService<LedgerService>().PostAsync(
                new LedgerPosting(account.Id, LedgerEntryKind.PropertyFee, -9_999m, "test-fee:formula", "property-fee"), default);
        }

        using var client = await factory.CreateSignedInClientAsync();
        string[] urls = ["/meters/export?all=true", "/billing/shops-to-call/export", "/configuration/export", "/audit/export"];

        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            var sheets = Sheets(await response.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain(sheets, xml => xml.Contains("<x:f", StringComparison.Ordinal) || xml.Contains("<f>", StringComparison.Ordinal) || xml.Contains("<f ", StringComparison.Ordinal));
            if (url != "/audit/export")
            {
                Assert.Contains(sheets, xml => xml.Contains(SecurityElement.Escape(url.StartsWith("/meters", StringComparison.Ordinal) ? Meter : Tenant), StringComparison.Ordinal));
            }
        }
    }

    /// <summary>The XML of every worksheet and of the shared strings of an XLSX file.</summary>
    private static List<string> Sheets(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return [.. zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) || e.FullName == "xl/sharedStrings.xml")
            .Select(e => new StreamReader(e.Open()).ReadToEnd())];
    }
}
