using Microsoft.Extensions.Options;
using Prepaid.App.Configuration.Import;
using Prepaid.App.Tests.Support;
using Prepaid.Benchmarks;

namespace Prepaid.App.Tests.Configuration.Import;

/// <summary>
/// Files of a few hundred kilobytes that cost gigabytes to read naively (issue "Trust under faults and attack"): each
/// is refused with the error of the limit it breaks, changes nothing, and reading it allocates a bounded amount.
/// </summary>
public sealed class HostileWorkbookTests : IAsyncLifetime
{
    /// <summary>Far above what the limits let a read allocate, far below the gigabytes these files cost before.</summary>
    private const long AllocationBound = 300L * 1024 * 1024;

    private TestDatabase _db = default!;
    private string _before = "";

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(seedDemo: true);
        _before = await ImportTestKit.FingerprintAsync(_db);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>Dry run and apply: both refuse with exactly these errors, and nothing is written.</summary>
    private async Task<List<string>> RefusedAsync(MemoryStream file)
    {
        var importer = ImportTestKit.Importer(_db);
        var dry = await importer.DryRunAsync(ConfigurationTestKit.Admin, new MemoryStream(file.ToArray()), "hostile.xlsx");
        var plan = await importer.ApplyAsync(ConfigurationTestKit.Admin, file, "hostile.xlsx", null);
        Assert.True(plan.HasErrors);
        Assert.False(plan.Applied);
        Assert.Empty(plan.Rows);
        Assert.Equal(dry.Errors.Select(e => e.ToString()), plan.Errors.Select(e => e.ToString()));
        Assert.Equal(_before, await ImportTestKit.FingerprintAsync(_db));
        await using var ctx = _db.CreateDbContext();
        Assert.DoesNotContain(ctx.AuditEntries, a => a.Action == "config.import");
        return [.. plan.Errors.Select(e => e.ToString())];
    }

    /// <summary>What reading <paramref name="file"/> allocates on this thread (the reader is synchronous), and its errors.</summary>
    private static (long Allocated, IReadOnlyList<SheetData> Sheets, IReadOnlyList<ImportError> Errors) Measure(MemoryStream file, ImportOptions? options = null)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var (sheets, errors) = WorkbookReader.Read(file, options ?? new ImportOptions(), CancellationToken.None);
        return (GC.GetAllocatedBytesForCurrentThread() - before, sheets, errors);
    }

    [Fact]
    public async Task ApplyAsync_ValueInColumnXfdOn20000Rows_RefusedAtTheFirstCellBeyondTheMargin()
    {
        using var file = HostileWorkbooks.WideRows();

        var errors = await RefusedAsync(file);

        Assert.True(file.Length < 512 * 1024, $"{file.Length} bytes");
        Assert.Equal(["Meters!XFD2: A value lies beyond the first 39 columns read (the template's columns plus Import:ExtraColumns); move it left or delete it."], errors);
    }

    [Fact]
    public async Task ApplyAsync_300MbSharedString_RefusedFromTheZipDirectoryBeforeUnpacking()
    {
        using var file = HostileWorkbooks.HugeSharedString();

        var errors = await RefusedAsync(file);

        Assert.True(file.Length < 512 * 1024, $"{file.Length} bytes");
        Assert.Equal(["The workbook unpacks to more than 67108864 bytes (Import:MaxUncompressedBytes); it was not read."], errors);
    }

    [Fact]
    public async Task ApplyAsync_300MbSharedStringUnderALyingZipDirectory_RefusedWithoutUnpackingBeyondTheClaim()
    {
        // The directory claims 1 KB: .NET's zip stops unpacking there (the part ends mid-text), and the bytes counted
        // while unpacking stay within the limit whatever a directory claims.
        using var file = HostileWorkbooks.HugeSharedString(lie: true);

        var errors = await RefusedAsync(file);

        Assert.StartsWith("The file is not an .xlsx or .xls workbook (", Assert.Single(errors));
    }

    [Fact]
    public async Task ApplyAsync_SharedStringLongerThanACell_RefusedNamingTheString()
    {
        using var file = HostileWorkbooks.HugeSharedString(chars: 40_000);

        var errors = await RefusedAsync(file);

        Assert.Equal(["Shared string 1 of the workbook has more than 32767 characters; the limit is 32767 per cell (Import:MaxCellChars)."], errors);
    }

    [Fact]
    public async Task ApplyAsync_1MbOfCompressedBlankRows_RefusedAtTheFirstRowBeyondTheLimit()
    {
        using var file = HostileWorkbooks.BlankRows();

        var errors = await RefusedAsync(file);

        Assert.InRange(file.Length, 1_000_000, 1_500_000);
        Assert.Equal(["Meters row 50002: Meters: row 50002 is beyond the limit of 50000 rows per sheet (Import:MaxRowsPerSheet); blank rows count too."], errors);
    }

    public static TheoryData<string> Hostile => ["wide", "string", "lying-string", "blank"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Read_HostileWorkbook_AllocatesABoundedAmount(string kind)
    {
        using var file = kind switch
        {
            "wide" => HostileWorkbooks.WideRows(),
            "string" => HostileWorkbooks.HugeSharedString(),
            "lying-string" => HostileWorkbooks.HugeSharedString(lie: true),
            _ => HostileWorkbooks.BlankRows(),
        };

        var (allocated, sheets, errors) = Measure(file);

        Assert.Empty(sheets);
        Assert.Single(errors);
        Assert.True(allocated < AllocationBound, $"{kind}: {allocated / (1024 * 1024)} MiB allocated");
    }

    [Fact]
    public void Read_SheetClaimingColumnXfd_RowsNoWiderThanTheTemplatePlusTheMargin()
    {
        // The dimension claims 16,384 columns: the reader must not take it at its word for every row.
        using var file = HostileWorkbooks.Package("Shafts", sheet =>
        {
            HostileWorkbooks.Header(sheet, SpreadsheetTemplate.Shafts);
            for (var r = 2; r <= 20_001; r++)
            {
                HostileWorkbooks.Write(sheet, $"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>S{r}</t></is></c><c r=\"B{r}\" t=\"inlineStr\"><is><t>Shaft {r}</t></is></c></row>");
            }
        }, dimension: "A1:XFD20001");
        var options = new ImportOptions();

        var (allocated, sheets, errors) = Measure(file, options);

        Assert.Empty(errors);
        var shafts = Assert.Single(sheets);
        Assert.Equal(20_000, shafts.Rows.Count);
        Assert.All(shafts.Rows, r => Assert.True(r.Cells.Count <= SpreadsheetTemplate.Shafts.Columns.Count + options.ExtraColumns));
        Assert.True(allocated < AllocationBound, $"{allocated / (1024 * 1024)} MiB allocated");
    }

    [Fact]
    public void Read_ReadableCellLongerThanTheLimit_RefusedAtItsCell()
    {
        using var file = HostileWorkbooks.Package("Shafts", sheet =>
        {
            HostileWorkbooks.Header(sheet, SpreadsheetTemplate.Shafts);
            HostileWorkbooks.Write(sheet, $"<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>S1</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>{new string('x', 101)}</t></is></c></row>");
        });

        var (_, sheets, errors) = Measure(file, new ImportOptions { MaxCellChars = 100 });

        Assert.Empty(sheets);
        Assert.Equal(["Shafts!B2: The cell has more than 100 characters; the limit is 100 per cell (Import:MaxCellChars)."], errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_CancelledWhileUnpacking_Stops()
    {
        using var cancel = new CancellationTokenSource();
        using var file = HostileWorkbooks.BlankRows();
        var calls = 0;
        using var cancelling = new CancellingStream(file, () =>
        {
            if (++calls == 3)
            {
                cancel.Cancel();
            }
        });

        Assert.ThrowsAny<OperationCanceledException>(() => WorkbookReader.Read(cancelling, new ImportOptions(), cancel.Token));
    }

    [Fact]
    public async Task DryRunAsync_Cancelled_ThrowsAndWritesNothing()
    {
        using var file = HostileWorkbooks.BlankRows();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ImportTestKit.Importer(_db).ApplyAsync(ConfigurationTestKit.Admin, file, "blank.xlsx", null, new CancellationToken(canceled: true)));

        Assert.Equal(_before, await ImportTestKit.FingerprintAsync(_db));
    }

    [Fact]
    public void ImportOptions_EveryLimitBroken_OneMessagePerRule()
    {
        var options = new ImportOptions { MaxFileBytes = 1, MaxRowsPerSheet = 0, MaxUncompressedBytes = 1, MaxCellChars = 40_000, ExtraColumns = -1 };

        var result = new DataAnnotationValidateOptions<ImportOptions>(null).Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.Order().ToList();
        Assert.Equal(5, failures.Count);
        Assert.Collection(failures,
            f => Assert.Contains("Import:ExtraColumns must be between 0 and 1000.", f),
            f => Assert.Contains("Import:MaxCellChars must be between 1 and 32767.", f),
            f => Assert.Contains("Import:MaxFileBytes must be between 1024 and 2147483648.", f),
            f => Assert.Contains("Import:MaxRowsPerSheet must be between 1 and 1000000.", f),
            f => Assert.Contains("Import:MaxUncompressedBytes must be between 65536 and 1073741824.", f));
        Assert.True(new DataAnnotationValidateOptions<ImportOptions>(null).Validate(null, new ImportOptions()).Succeeded);
    }

    /// <summary>A stream that runs <paramref name="onRead"/> before each read: cancels mid-way through a read.</summary>
    private sealed class CancellingStream(MemoryStream inner, Action onRead) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            onRead();
            return inner.Read(buffer, offset, count);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
