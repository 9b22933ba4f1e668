using System.Text;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Configuration.Import;

/// <summary>Each broken workbook gives its specific errors (place and reason) and changes nothing in the database.</summary>
public sealed class BrokenSpreadsheetTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private string _before = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _before = await ImportTestKit.FingerprintAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Applies the file and checks that it was refused with exactly these errors and wrote nothing.</summary>
    private async Task<List<string>> RefusedAsync(Stream file, string name = "broken.xlsx", ImportOptions? options = null)
    {
        var plan = await ImportTestKit.Importer(_db, options).ApplyAsync(ConfigurationTestKit.Admin, file, name, null);
        Assert.True(plan.HasErrors);
        Assert.False(plan.Applied);
        Assert.Equal(_before, await ImportTestKit.FingerprintAsync(_db));
        await using var ctx = _db.CreateDbContext();
        Assert.DoesNotContain(ctx.AuditEntries, a => a.Action == "config.import");
        return [.. plan.Errors.Select(e => e.ToString())];
    }

    private async Task<Dictionary<string, List<Dictionary<string, object?>>>> ExportAsync()
    {
        using var export = await ImportTestKit.ExportAsync(_db);
        return ImportTestKit.Read(export);
    }

    [Fact]
    public async Task ApplyAsync_WrongTypes_NamesCellAndReason()
    {
        var sheets = await ExportAsync();
        var meter = sheets["Meters"][0];
        meter["Address"] = "abc";
        meter["CT"] = 2.5;
        meter["PowerLimitKw"] = "ten";
        meter["Kind"] = "Gas";
        sheets["Gateways"][0]["Enabled"] = "maybe";
        using var file = ImportTestKit.Write(sheets);

        var errors = await RefusedAsync(file);

        Assert.Equal(
        [
            "Gateways!E2: Enabled must be yes or no; found 'maybe'.",
            "Meters!C2: Address must be a whole number; found 'abc'.",
            "Meters!F2: Kind must be one of Electricity, Water; found 'Gas'.",
            "Meters!J2: CT must be a whole number; found '2.5'.",
            "Meters!L2: PowerLimitKw must be a number; found 'ten'.",
        ], errors.Order());
    }

    [Fact]
    public async Task ApplyAsync_MissingColumns_NamesEachColumn()
    {
        var sheets = await ExportAsync();
        foreach (var row in sheets["Meters"])
        {
            row.Remove("Address");
            row.Remove("Serial");
        }

        using var file = ImportTestKit.Write(sheets);

        var errors = await RefusedAsync(file);

        Assert.Equal(["Meters row 1: Address: the sheet has no column 'Address'.", "Meters row 1: Serial: the sheet has no column 'Serial'."], errors);
    }

    [Fact]
    public async Task ApplyAsync_DuplicateAddressesInTheFileAndAgainstTheDatabase_BothReported()
    {
        var sheets = await ExportAsync();
        var meters = sheets["Meters"];
        var (gateway, port) = ((string)meters[0]["Gateway"]!, Convert.ToInt32(meters[0]["Port"]));
        meters.Add(ImportTestKit.NewMeterRow(gateway, port, 200, "DUP-1"));
        meters.Add(ImportTestKit.NewMeterRow(gateway, port, 200, "DUP-2"));
        var withoutStored = new Dictionary<string, List<Dictionary<string, object?>>>
        {
            // The second meter (found by its serial) moved onto the first one's address, which stays where it is.
            ["Meters"] = [new(meters[1]) { ["Gateway"] = gateway, ["Port"] = port, ["Address"] = meters[0]["Address"] }],
        };
        using var file = ImportTestKit.Write(sheets);
        using var second = ImportTestKit.Write(withoutStored);

        var inFile = await RefusedAsync(file);
        var againstDb = await RefusedAsync(second);

        var row = meters.Count + 1;
        Assert.Equal([$"Meters!C{row}: Address: address 200 on {gateway} port {port} is already on row {row - 1} of this sheet."], inFile);
        var holder = (string)meters[0]["Name"]!;
        Assert.Equal([$"Meters!C2: Address: address {meters[0]["Address"]} on {gateway} port {port} is already used by meter '{holder}' ({meters[0]["Serial"]})."], againstDb);
    }

    [Fact]
    public async Task ApplyAsync_UnknownGatewayTariffAndBaudOutOfRange_Reported()
    {
        var sheets = new Dictionary<string, List<Dictionary<string, object?>>>
        {
            ["Buses"] = [new() { ["Gateway"] = "GW-S1", ["Port"] = 9, ["TcpPort"] = 40009, ["Name"] = "S1-COM9", ["Baud"] = 115200, ["Parity"] = "None", ["TimeoutMs"] = 1000 }],
            ["Meters"] = [ImportTestKit.NewMeterRow("GW-NOPE", 1, 1, "U-1"), ImportTestKit.NewMeterRow("GW-S1", 1, 240, "U-2")],
        };
        sheets["Meters"][1]["Tariff"] = "E-NOPE";
        using var file = ImportTestKit.Write(sheets);

        var errors = await RefusedAsync(file);

        Assert.Equal(
        [
            "Buses!E2: Baud must be one of 1200, 2400, 4800, 9600, 19200, 38400; found '115200'.",
            "Meters!A2: Gateway: there is no gateway 'GW-NOPE'.",
            "Meters!N3: Tariff: there is no tariff 'E-NOPE'.",
        ], errors.Order());
    }

    [Fact]
    public async Task ApplyAsync_EmptyFile_SaysSo()
    {
        Assert.Equal(["The file is empty."], await RefusedAsync(new MemoryStream()));
    }

    [Fact]
    public async Task ApplyAsync_WorkbookWithoutTemplateSheets_NamesTheSheetsExpected()
    {
        var other = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(other, new[] { new { Hello = "world" } });
        other.Position = 0;

        Assert.Equal(["The workbook has none of the sheets Shafts, Gateways, Buses, Meters, Tenants."], await RefusedAsync(other));
    }

    [Fact]
    public async Task ApplyAsync_RandomBytes_NotASpreadsheet()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var errors = await RefusedAsync(new MemoryStream(bytes), "random.xlsx");

        Assert.StartsWith("The file is not an .xlsx or .xls workbook (", Assert.Single(errors));
    }

    [Fact]
    public async Task ApplyAsync_TextFileRenamedXlsx_NotASpreadsheet()
    {
        var text = new MemoryStream(Encoding.UTF8.GetBytes("Gateway,Port,Address\nGW-S1,1,3\n"));

        var errors = await RefusedAsync(text, "meters.xlsx");

        Assert.StartsWith("The file is not an .xlsx or .xls workbook (", Assert.Single(errors));
    }

    [Fact]
    public async Task ApplyAsync_FileAboveTheSizeLimit_RefusedWithoutReadingIt()
    {
        using var huge = new UnreadableStream(5L * 1024 * 1024 * 1024);

        var errors = await RefusedAsync(huge, "huge.xlsx", new ImportOptions { MaxFileBytes = 32 * 1024 * 1024 });

        Assert.Equal(["The file has 5368709120 bytes; the limit is 33554432."], errors);
    }

    [Fact]
    public async Task ApplyAsync_UploadStreamGrowingBeyondTheLimit_StopsAtTheLimit()
    {
        var sheets = await ExportAsync();
        using var file = ImportTestKit.Write(sheets);
        using var upload = new NonSeekableStream(file);

        var errors = await RefusedAsync(upload, "demo.xlsx", new ImportOptions { MaxFileBytes = 8 * 1024 });

        Assert.Equal(["The file has 8193 bytes; the limit is 8192."], errors);
    }

    [Fact]
    public async Task ApplyAsync_SheetWithMoreRowsThanTheLimit_RefusedAtTheFirstRowBeyond()
    {
        var sheets = await ExportAsync();

        var errors = await RefusedAsync(ImportTestKit.Write(sheets), options: new ImportOptions { MaxRowsPerSheet = 300 });

        Assert.Equal(["Meters: Meters: more than 300 rows; the limit is 300 per sheet."], errors);
    }

    /// <summary>Claims to be huge and fails any read: the importer must refuse it from its length alone.</summary>
    private sealed class UnreadableStream(long length) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The importer read an over-limit file.");
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An upload: length unknown until read.</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
