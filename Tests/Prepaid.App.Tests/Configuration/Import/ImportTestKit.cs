using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Configuration.Import;

/// <summary>Workbooks as lists of rows (header to value), the importer and exporter on a test database, and a fingerprint of the stored configuration.</summary>
internal static class ImportTestKit
{
    public static ConfigurationImporter Importer(TestDatabase db, ImportOptions? options = null) =>
        new(db, Options.Create(options ?? new ImportOptions()), new ConfigurationChangeSignal(), new FakeTimeProvider(TestTime.DefaultStart), NullLogger<ConfigurationImporter>.Instance);

    public static ConfigurationExporter Exporter(TestDatabase db) => new(db);

    public static async Task<MemoryStream> ExportAsync(TestDatabase db)
    {
        var stream = new MemoryStream();
        await Exporter(db).WriteConfigurationAsync(ConfigurationTestKit.Admin, stream);
        stream.Position = 0;
        return stream;
    }

    /// <summary>The data sheets of a workbook, each row as header to value.</summary>
    public static Dictionary<string, List<Dictionary<string, object?>>> Read(Stream workbook)
    {
        var result = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var sheet in workbook.GetSheetNames().Where(n => n != SpreadsheetTemplate.Instructions))
        {
            result[sheet] = [.. workbook.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r))];
        }

        workbook.Position = 0;
        return result;
    }

    public static MemoryStream Write(Dictionary<string, List<Dictionary<string, object?>>> sheets)
    {
        var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Key, s => (object)s.Value));
        stream.Position = 0;
        return stream;
    }

    public static Dictionary<string, object?> NewMeterRow(string gateway, int port, int address, string serial, string account = "A000001") => new()
    {
        ["Gateway"] = gateway, ["Port"] = port, ["Address"] = address, ["Serial"] = serial, ["Name"] = serial + "-E", ["Kind"] = "Electricity",
        ["Role"] = "Tenant", ["Profile"] = "PrepaidSinglePhase", ["Billing"] = "Meter", ["CT"] = 1, ["PT"] = 1, ["PowerLimitKw"] = 10,
        ["PowerLimitSeconds"] = 60, ["Tariff"] = "E-TOU", ["Account"] = account, ["Shaft"] = "S1", ["Transformer"] = null, ["PublicLoad"] = null, ["Location"] = "L1",
    };

    /// <summary>Every configuration row as JSON: equal before and after means nothing changed.</summary>
    public static async Task<string> FingerprintAsync(TestDatabase db)
    {
        await using var ctx = db.CreateDbContext();
        return JsonSerializer.Serialize(new object[]
        {
            await ctx.Sites.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Name }).ToListAsync(),
            await ctx.Shafts.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Code, x.Name, x.TransformerId }).ToListAsync(),
            await ctx.Gateways.AsNoTracking().OrderBy(x => x.Id).Select(x => new { x.Id, x.Name, x.Host, x.Framing, x.ShaftId, x.Enabled }).ToListAsync(),
            await ctx.Buses.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            await ctx.Meters.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            await ctx.Tenants.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            await ctx.Accounts.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
        });
    }
}
