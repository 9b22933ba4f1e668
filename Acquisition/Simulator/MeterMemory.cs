using System.Collections.Concurrent;
using System.Text.Json;

namespace Prepaid.Acquisition.Simulator;

/// <summary>What a simulated prepaid meter keeps in non-volatile memory when a purchase is applied, as a real meter
/// commits its balance and purchase count to EEPROM before it acknowledges the write.</summary>
/// <param name="Remaining">The remaining amount in yuan right after the purchase.</param>
/// <param name="PurchaseCount">The purchase count right after the purchase.</param>
/// <param name="SavedAt">When it was saved (simulated time).</param>
public sealed record MeterMemoryImage(decimal Remaining, int PurchaseCount, DateTimeOffset SavedAt);

/// <summary>Where simulated meters keep their non-volatile memory, so a purchase survives a crash of the process.</summary>
public interface IMeterMemory
{
    /// <summary>The last image saved for the meter; null when it never saved one.</summary>
    MeterMemoryImage? Load(string meterKey);

    /// <summary>Saves the meter's image durably before returning.</summary>
    void Save(string meterKey, MeterMemoryImage image);
}

/// <summary>
/// Non-volatile memory of all simulated meters in one JSON file: every save writes a temporary file, flushes it to
/// the disk and renames it over the old one, so a crash at any point leaves either the old or the new file whole.
/// Purchases are rare, so writing the whole file each time costs nothing that matters.
/// </summary>
public sealed class FileMeterMemory : IMeterMemory
{
    private readonly string _path;
    private readonly ConcurrentDictionary<string, MeterMemoryImage> _images;
    private readonly Lock _write = new();

    /// <summary>Opens (or starts) the memory file at <paramref name="path"/>.</summary>
    public FileMeterMemory(string path)
    {
        _path = Path.GetFullPath(path ?? throw new ArgumentNullException(nameof(path)));
        _images = File.Exists(_path)
            ? new ConcurrentDictionary<string, MeterMemoryImage>(JsonSerializer.Deserialize<Dictionary<string, MeterMemoryImage>>(File.ReadAllBytes(_path)) ?? [])
            : new ConcurrentDictionary<string, MeterMemoryImage>();
    }

    /// <inheritdoc />
    public MeterMemoryImage? Load(string meterKey) => _images.GetValueOrDefault(meterKey);

    /// <inheritdoc />
    public void Save(string meterKey, MeterMemoryImage image)
    {
        lock (_write)
        {
            _images[meterKey] = image;
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, new SortedDictionary<string, MeterMemoryImage>(_images, StringComparer.Ordinal));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
    }
}
