using Microsoft.EntityFrameworkCore;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Tests.Kernel.Localization;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Configuration.Import;

public sealed class ConfigurationImportTests
{
    [Fact]
    public async Task ApplyAsync_ExportOfTheDemoMall_ChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var before = await ImportTestKit.FingerprintAsync(db);
        using var export = await ImportTestKit.ExportAsync(db);

        var plan = await ImportTestKit.Importer(db).ApplyAsync(ConfigurationTestKit.Admin, export, "demo.xlsx", null);

        Assert.Empty(plan.Errors);
        Assert.True(plan.ChangesNothing, string.Join("\n", plan.Rows.Where(r => r.Status != ImportRowStatus.Unchanged).Select(r => r.Key)));
        Assert.Equal(382, plan.Rows.Count(r => r.Sheet == "Meters"));
        Assert.Equal(294, plan.Rows.Count(r => r.Sheet == "Tenants"));
        Assert.Equal(5, plan.Rows.Count(r => r.Sheet == "Gateways"));
        Assert.Equal(before, await ImportTestKit.FingerprintAsync(db));
    }

    [Fact]
    public async Task ApplyAsync_NewGatewayBusTenantAndMeters_CreatedOnceAuditedWithTheHash()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>
        {
            ["Gateways"] = [new() { ["Name"] = "GW-NEW", ["Host"] = "gw-new.local", ["Framing"] = "ModbusTcp", ["Shaft"] = "S2", ["Enabled"] = "yes" }],
            ["Buses"] = [new() { ["Gateway"] = "GW-NEW", ["Port"] = 1, ["TcpPort"] = 502, ["Name"] = "NEW-COM1", ["Baud"] = 19200, ["Parity"] = "Even", ["TimeoutMs"] = 600 }],
            ["Tenants"] = [new()
            {
                ["Unit"] = "N-001", ["Name"] = "新店", ["NameEn"] = "New shop", ["AreaM2"] = 33.5, ["Business"] = "Cafe", ["Contact"] = "张三",
                ["Mobile"] = "13700001111", ["MobileAlt"] = null, ["Account"] = "N000001",
            }],
            ["Meters"] = [ImportTestKit.NewMeterRow("GW-NEW", 1, 1, "NEW-1", "N000001"), ImportTestKit.NewMeterRow("GW-NEW", 1, 2, "NEW-2", "N000001")],
        };
        var importer = ImportTestKit.Importer(db);

        using var file = ImportTestKit.Write(sheets);
        var dryRun = await importer.DryRunAsync(ConfigurationTestKit.Admin, file, "new.xlsx");
        file.Position = 0;
        var applied = await importer.ApplyAsync(ConfigurationTestKit.Admin, file, "new.xlsx", "10.0.0.7");
        var fingerprint = await ImportTestKit.FingerprintAsync(db);
        using var again = ImportTestKit.Write(sheets);
        var second = await importer.ApplyAsync(ConfigurationTestKit.Admin, again, "new.xlsx", null);

        Assert.Equal(5, dryRun.Count(ImportRowStatus.New));
        Assert.False(dryRun.Applied);
        Assert.True(applied.Applied);
        Assert.True(second.ChangesNothing);
        Assert.Equal(fingerprint, await ImportTestKit.FingerprintAsync(db));
        await using var ctx = db.CreateDbContext();
        var account = await ctx.Accounts.SingleAsync(a => a.Number == "N000001");
        Assert.Equal(2, await ctx.Meters.CountAsync(m => m.AccountId == account.Id));
        var bus = await ctx.Buses.SingleAsync(b => b.Name == "NEW-COM1");
        Assert.Equal((19200, SerialParity.Even, 600), (bus.BaudRate, bus.Parity, bus.ResponseTimeoutMs));
        var audits = await ctx.AuditEntries.Where(a => a.Action == "config.import").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audits.Count);
        Assert.Contains($"\"sha256\":\"{applied.Sha256}\"", audits[0].After);
        Assert.Equal(64, applied.Sha256.Length);
        Assert.Equal("10.0.0.7", audits[0].Address);
    }

    [Fact]
    public async Task DryRunAsync_MeterChangedAndMovedInTheExport_ShowsTheChangedColumnsMatchedBySerial()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        using var export = await ImportTestKit.ExportAsync(db);
        var sheets = ImportTestKit.Read(export);
        var meters = sheets["Meters"];
        var first = meters.First(m => (string?)m["Role"] == "PublicArea");
        var last = meters.Where(m => Equals(m["Gateway"], first["Gateway"]) && Equals(m["Port"], first["Port"])).Max(m => Convert.ToInt32(m["Address"]));
        first["CT"] = 80;
        first["Address"] = last + 1;
        using var file = ImportTestKit.Write(sheets);

        var plan = await ImportTestKit.Importer(db).DryRunAsync(ConfigurationTestKit.Admin, file, "edited.xlsx");

        var changed = Assert.Single(plan.Rows, r => r.Status == ImportRowStatus.Changed);
        Assert.Equal(["Address", "CT"], changed.Changes.Select(c => c.Column));
        Assert.Equal((last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), changed.Changes[0].After);
        Assert.Empty(plan.Errors);
    }

    [Fact]
    public async Task ApplyAsync_TwoMetersSwapAddresses_Applied()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        using var export = await ImportTestKit.ExportAsync(db);
        var sheets = ImportTestKit.Read(export);
        var (a, b) = (sheets["Meters"][0], sheets["Meters"][1]);
        (a["Address"], b["Address"]) = (b["Address"], a["Address"]);
        using var file = ImportTestKit.Write(sheets);

        var plan = await ImportTestKit.Importer(db).ApplyAsync(ConfigurationTestKit.Admin, file, "swap.xlsx", null);

        Assert.True(plan.Applied, string.Join("\n", plan.Errors));
        Assert.Equal(2, plan.Count(ImportRowStatus.Changed));
        await using var ctx = db.CreateDbContext();
        Assert.Equal(Convert.ToInt32(a["Address"]), (await ctx.Meters.SingleAsync(m => m.SerialNumber == (string)a["Serial"]!)).UnitId);
    }

    [Fact]
    public async Task ApplyAsync_LegacyXlsWrittenByXlwt_ImportsChineseTextAndNumericSerials()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        await using var file = File.OpenRead(Path.Combine(ResourceFilesTests.RepositoryRoot(), "Tests", "Prepaid.App.Tests", "Configuration", "Fixtures", "legacy.xls"));

        var plan = await ImportTestKit.Importer(db).ApplyAsync(ConfigurationTestKit.Admin, file, "legacy.xls", null);

        Assert.Empty(plan.Errors);
        Assert.Equal(5, plan.Count(ImportRowStatus.New));
        await using var ctx = db.CreateDbContext();
        Assert.Equal("老凤祥", (await ctx.Tenants.SingleAsync(t => t.UnitNumber == "XLS-01")).Name);
        var lighting = await ctx.Meters.SingleAsync(m => m.SerialNumber == "2410999900002");
        Assert.Equal(("L1 东区", PublicLoadType.Lighting, 40), (lighting.Location, lighting.PublicLoad!.Value, lighting.CtRatio));
    }

    [Fact]
    public async Task WriteTemplateAsync_EmptyTemplate_HasInstructionsAndEveryColumnAndImportsAsNothing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        using var template = new MemoryStream();
        await ImportTestKit.Exporter(db).WriteTemplateAsync(ConfigurationTestKit.Manager, template);
        template.Position = 0;

        var names = MiniExcelLibs.MiniExcel.GetSheetNames(template);
        var meterColumns = MiniExcelLibs.MiniExcel.Query(template, useHeaderRow: false, sheetName: "Meters").Cast<IDictionary<string, object?>>().First().Values;
        var instructions = MiniExcelLibs.MiniExcel.Query(template, useHeaderRow: false, sheetName: "Instructions").Cast<IDictionary<string, object?>>()
            .SelectMany(r => r.Values).OfType<string>().ToList();
        template.Position = 0;
        var plan = await ImportTestKit.Importer(db).DryRunAsync(ConfigurationTestKit.Admin, template, "template.xlsx");

        Assert.Equal(["Instructions", "Shafts", "Gateways", "Buses", "Meters", "Tenants"], names);
        Assert.Equal(SpreadsheetTemplate.Meters.Columns.Select(c => c.Name), meterColumns);
        Assert.Contains(instructions, s => s.Contains("Modbus address on the bus"));
        Assert.Contains(instructions, s => s.Contains("总线上的 Modbus 地址"));
        Assert.Empty(plan.Errors);
        Assert.Empty(plan.Rows);
    }
    [Fact]
    public async Task DryRunAsync_NewSerialAtAStoredMetersAddress_IsThatMeterWithItsSerialChanged()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        using var export = await ImportTestKit.ExportAsync(db);
        var sheets = ImportTestKit.Read(export);
        var replaced = sheets["Meters"][5];
        var oldSerial = (string)replaced["Serial"]!;
        replaced["Serial"] = "REPLACED-1";
        using var file = ImportTestKit.Write(sheets);

        var plan = await ImportTestKit.Importer(db).DryRunAsync(ConfigurationTestKit.Admin, file, "replaced.xlsx");

        var row = Assert.Single(plan.Rows, r => r.Status != ImportRowStatus.Unchanged);
        Assert.Equal(ImportRowStatus.Changed, row.Status);
        Assert.Equal(new ImportChange("Serial", oldSerial, "REPLACED-1"), Assert.Single(row.Changes));
    }
}
