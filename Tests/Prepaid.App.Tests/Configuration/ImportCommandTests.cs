using Prepaid.App.Hosting;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Configuration;

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

    private static string[] Connection(TestDatabase db) =>
        ["--Database:Provider=Sqlite", $"--ConnectionStrings:Sqlite=Data Source={Path.Combine(db.Folder, "test.db")};Pooling=False"];
}
