"""Independent Modbus client for the simulator interop tests: pymodbus 3.0 on 127.0.0.1, prints JSON.

Usage: sim_client.py {tcp|rtu} PORT UNIT ADDRESS COUNT [PURCHASE_COUNT AMOUNT_FEN ...]
Reads COUNT holding registers at ADDRESS; with purchase pairs, first writes each purchase (FC16 at 0x0460:
count, amount U32 high word first) and reports the exception code of any refused one.
"""
import json
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

framing, port, unit, address, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
purchases = [(int(sys.argv[i]), int(sys.argv[i + 1])) for i in range(6, len(sys.argv), 2)]
framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
client = ModbusTcpClient("127.0.0.1", port=port, framer=framer, timeout=3, retries=1)
if not client.connect():
    sys.exit("cannot connect")

writes = []
for purchase_count, fen in purchases:
    response = client.write_registers(0x0460, [purchase_count, fen >> 16, fen & 0xFFFF], slave=unit)
    writes.append(response.exception_code if response.isError() else 0)

response = client.read_holding_registers(address, count, slave=unit)
if response.isError():
    sys.exit(f"error response: {response}")
client.close()
print(json.dumps({"registers": response.registers, "writes": writes}))
