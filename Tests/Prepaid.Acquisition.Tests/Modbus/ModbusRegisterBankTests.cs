using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Modbus;

public class ModbusRegisterBankTests
{
    private static async Task<string> Handle(ModbusRegisterBank bank, string hex) =>
        (await bank.HandleAsync(ModbusPdu.FromBytes(TestHex.Bytes(hex)), CancellationToken.None)).ToString();

    [Fact]
    public async Task HandleAsync_SpecReadHoldingExample_ReturnsValues()
    {
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0x6B, 0x022B, 0x0000, 0x0064);
        Assert.Equal("03 06 02 2B 00 00 00 64", await Handle(bank, "03 00 6B 00 03"));
    }

    [Fact]
    public async Task HandleAsync_SpecCoilAndInputExamples_ReturnPackedBits()
    {
        var bank = new ModbusRegisterBank();
        bank.SetBits(ModbusTable.DiscreteInputs, 0xC4, [.. TestBits("AC DB 35", 22)]);
        Assert.Equal("02 03 AC DB 35", await Handle(bank, "02 00 C4 00 16"));
        Assert.Equal("0F 00 13 00 0A", await Handle(bank, "0F 00 13 00 0A 02 CD 01"));
        Assert.Equal("01 02 CD 01", await Handle(bank, "01 00 13 00 0A"));
        bank.SetRegisters(ModbusTable.InputRegisters, 8, 10);
        Assert.Equal("04 02 00 0A", await Handle(bank, "04 00 08 00 01"));
    }

    [Fact]
    public async Task HandleAsync_SpecReadWriteExample_WritesBeforeRead()
    {
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 3, 0x00FE, 0x0ACD, 0x0001, 0x0003, 0x000D, 0x00FF);
        Assert.Equal("17 0C 00 FE 0A CD 00 01 00 03 00 0D 00 FF", await Handle(bank, "17 00 03 00 06 00 0E 00 03 06 00 FF 00 FF 00 FF"));
        Assert.Equal("17 02 00 07", await Handle(bank, "17 00 05 00 01 00 05 00 01 02 00 07"));
    }

    [Fact]
    public async Task HandleAsync_WriteSingleEchoes_AndStores()
    {
        var bank = new ModbusRegisterBank();
        Assert.Equal("06 00 01 00 03", await Handle(bank, "06 00 01 00 03"));
        Assert.Equal("05 00 AC FF 00", await Handle(bank, "05 00 AC FF 00"));
        Assert.Equal(3, bank.GetRegister(ModbusTable.HoldingRegisters, 1));
        Assert.True(bank.GetBit(ModbusTable.Coils, 0xAC));
    }

    [Fact]
    public async Task HandleAsync_BeyondSize_AnswersIllegalAddress()
    {
        var bank = new ModbusRegisterBank(size: 0x100);
        Assert.Equal("83 02", await Handle(bank, "03 00 FF 00 02"));
        Assert.Equal("03 02 00 00", await Handle(bank, "03 00 FF 00 01"));
    }

    [Fact]
    public async Task HandleAsync_AddressesZeroAndLast_Work()
    {
        var bank = new ModbusRegisterBank();
        bank.SetRegisters(ModbusTable.HoldingRegisters, 0, 0x1111);
        bank.SetRegisters(ModbusTable.HoldingRegisters, 65535, 0xFFFF);
        Assert.Equal("03 02 11 11", await Handle(bank, "03 00 00 00 01"));
        Assert.Equal("03 02 FF FF", await Handle(bank, "03 FF FF 00 01"));
    }

    [Fact]
    public async Task HandleAsync_UnknownFunction_AnswersIllegalFunction() =>
        Assert.Equal("C1 01", await Handle(new ModbusRegisterBank(), "41 00"));

    [Fact]
    public async Task HandleAsync_CustomFunction_Answers()
    {
        var bank = new ModbusRegisterBank { CustomFunction = pdu => ModbusPdu.Create(pdu.FunctionCode, [0xAA]) };
        Assert.Equal("41 AA", await Handle(bank, "41 00"));
    }

    [Fact]
    public async Task HandleAsync_ValidateWriteRejects_AnswersCodeAndKeepsValue()
    {
        var bank = new ModbusRegisterBank { ValidateWrite = w => w.Values[0] > 100 ? ModbusExceptionCode.IllegalDataValue : null };
        Assert.Equal("90 03", await Handle(bank, "10 00 01 00 01 02 00 65"));
        Assert.Equal(0, bank.GetRegister(ModbusTable.HoldingRegisters, 1));
        Assert.Equal("10 00 01 00 01", await Handle(bank, "10 00 01 00 01 02 00 64"));
        Assert.Equal(100, bank.GetRegister(ModbusTable.HoldingRegisters, 1));
    }

    [Fact]
    public async Task HandleAsync_Hooks_ComputeOnReadAndSeeWrites()
    {
        var bank = new ModbusRegisterBank();
        var reads = 0;
        ModbusWrite? seen = null;
        bank.BeforeRead = (table, address, count) => bank.SetRegisters(ModbusTable.InputRegisters, 0, (ushort)++reads);
        bank.AfterWrite = w => seen = w;
        Assert.Equal("04 02 00 01", await Handle(bank, "04 00 00 00 01"));
        Assert.Equal("04 02 00 02", await Handle(bank, "04 00 00 00 01"));
        await Handle(bank, "10 00 57 00 02 04 00 01 00 01");
        Assert.NotNull(seen);
        Assert.Equal((ModbusTable.HoldingRegisters, (ushort)0x57), (seen.Table, seen.Address));
        Assert.Equal(new ushort[] { 1, 1 }, seen.Values);
    }

    [Fact]
    public async Task HandleAsync_MalformedRequest_AnswersIllegalDataValue() =>
        Assert.Equal("90 03", await Handle(new ModbusRegisterBank(), "10 00 01 00 02 03 00 0A 01"));

    private static bool[] TestBits(string hex, int count) =>
        Enumerable.Range(0, count).Select(i => (TestHex.Bytes(hex)[i / 8] & (1 << (i % 8))) != 0).ToArray();
}
