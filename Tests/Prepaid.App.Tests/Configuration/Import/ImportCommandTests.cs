using Prepaid.App.Hosting;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Configuration.Import;

public sealed class ImportCommandTests
{
    [Fact]
    public async Task Import_DryRunOfTheExport_ExitsZeroAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var path = Path.Combine(db.Folder, "export.xlsx");
        await using (var export = await ImportTestKit.ExportAsync(db))
        {
            await File.WriteAllBytesAsync(path, export.ToArray());
        }

        var output = new StringWriter();
        var exit = await PrepaidCommandLine.InvokeAsync(["import", path, "--dry-run", .. Connection(db)], output);

        Assert.Equal(0, exit);
        Assert.Contains("0 new, 0 changed, ", output.ToString());
        Assert.Contains("0 rows in error, 0 errors.", output.ToString());
        Assert.Contains("Dry run: nothing was written.", output.ToString());
    }

    [Fact]
    public async Task Import_FileWithErrors_PrintsThemAndExitsOneWithoutWriting()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: true);
        var before = await ImportTestKit.FingerprintAsync(db);
        var path = Path.Combine(db.Folder, "broken.xlsx");
        var row = ImportTestKit.NewMeterRow("GW-S1", 1, 100, "CLI-1");
        row["Address"] = "abc";
        await using (var file = ImportTestKit.Write(new() { ["Meters"] = [row, ImportTestKit.NewMeterRow("GW-S1", 1, 101, "CLI-2")] }))
        {
            await File.WriteAllBytesAsync(path, file.ToArray());
        }

        var output = new StringWriter();
        var exit = await PrepaidCommandLine.InvokeAsync(["import", path, .. Connection(db)], output);

        Assert.Equal(1, exit);
        Assert.Contains("Meters!C2: Address must be a whole number; found 'abc'.", output.ToString());
        Assert.Contains("1 new, 0 changed, 0 unchanged, 1 rows in error, 1 errors.", output.ToString());
        Assert.Contains("Nothing was written", output.ToString());
        Assert.Equal(before, await ImportTestKit.FingerprintAsync(db));
    }

    [Fact]
    public async Task Import_EmptyDatabaseWithSiteName_CommissionsANewMall()
    {
        await using var db = await TestDatabase.CreateAsync(seedDemo: false);
        var path = Path.Combine(db.Folder, "new-mall.xlsx");
        var meter = ImportTestKit.NewMeterRow("GW-1", 1, 1, "NM-0001", "NM000001");
        meter["Tariff"] = null;
        await using (var file = ImportTestKit.Write(new()
        {
            ["Shafts"] = [new() { ["Code"] = "S1", ["Name"] = "1# Shaft", ["Transformer"] = null }],
            ["Gateways"] = [new() { ["Name"] = "GW-1", ["Host"] = "10.20.0.11", ["Framing"] = "RtuOverTcp", ["Shaft"] = "S1", ["Enabled"] = "yes" }],
            ["Buses"] = [new() { ["Gateway"] = "GW-1", ["Port"] = 1, ["TcpPort"] = 4001, ["Name"] = "GW-1-COM1", ["Baud"] = 9600, ["Parity"] = "None", ["TimeoutMs"] = 1000 }],
            ["Tenants"] = [new()
            {
                ["Unit"] = "L1-001", ["Name"] = "一号店", ["NameEn"] = "Shop one", ["AreaM2"] = 80, ["Business"] = "Retail", ["Contact"] = "赵六",
                ["Mobile"] = "13600002222", ["MobileAlt"] = null, ["Account"] = "NM000001",
            }],
            ["Meters"] = [meter],
        }))
        {
            await File.WriteAllBytesAsync(path, file.ToArray());
        }

        var refused = new StringWriter();
        var first = await PrepaidCommandLine.InvokeAsync(["import", path, .. Connection(db)], refused);
        var dryRun = new StringWriter();
        var dry = await PrepaidCommandLine.InvokeAsync(["import", path, "--dry-run", "--site", "New mall", .. Connection(db)], dryRun);
        await using (var check = db.CreateDbContext())
        {
            Assert.Equal(0, await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(check.Sites));
        }

        var output = new StringWriter();
        var exit = await PrepaidCommandLine.InvokeAsync(["import", path, "--site", "New mall", .. Connection(db)], output);

        Assert.Equal(1, first);
        Assert.Contains("No site is configured yet", refused.ToString());
        Assert.Equal(0, dry);
        Assert.Contains("The site 'New mall' would be created first.", dryRun.ToString());
        Assert.DoesNotContain("No site is configured yet", dryRun.ToString());
        Assert.Contains("5 new, 0 changed", dryRun.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("Created the site 'New mall'.", output.ToString());
        Assert.Contains("5 new, 0 changed", output.ToString());
        await using var ctx = db.CreateDbContext();
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(ctx.Meters);
        Assert.Equal(("NM-0001", 1), (stored.SerialNumber, stored.UnitId));
    }

    private static string[] Connection(TestDatabase db) =>
        ["--Database:Provider=Sqlite", $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(db.Folder, "test.db")};Pooling=False"];
}
