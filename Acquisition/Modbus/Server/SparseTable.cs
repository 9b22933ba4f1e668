namespace Prepaid.Acquisition.Modbus;

/// <summary>65536 values stored in 256-entry pages allocated on first write, so thousands of simulated units stay small.</summary>
internal sealed class SparseTable<T>
    where T : struct
{
    private readonly T[]?[] _pages = new T[]?[256];

    public T this[int address]
    {
        get => _pages[address >> 8] is { } page ? page[address & 0xFF] : default;
        set => (_pages[address >> 8] ??= new T[256])[address & 0xFF] = value;
    }
}
