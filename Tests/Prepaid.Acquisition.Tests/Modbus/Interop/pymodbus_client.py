"""Independent Modbus client for interoperability tests: reads and writes unit 1 of a server on 127.0.0.1
with pymodbus 3.0 and prints what it saw as JSON.

Usage: pymodbus_client.py {tcp|rtu} PORT
"""
import json
import sys

from pymodbus.client import ModbusTcpClient
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

framing, port = sys.argv[1], int(sys.argv[2])
framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
client = ModbusTcpClient("127.0.0.1", port=port, framer=framer, timeout=3, retries=1)
if not client.connect():
    sys.exit("cannot connect")


def ok(response):
    if response.isError():
        sys.exit(f"error response: {response}")
    return response


result = {
    "holding": ok(client.read_holding_registers(0, 5, slave=1)).registers,
    "input": ok(client.read_input_registers(10, 3, slave=1)).registers,
    "coils": ok(client.read_coils(0, 10, slave=1)).bits[:10],
    "discrete": ok(client.read_discrete_inputs(0, 4, slave=1)).bits[:4],
    "last": ok(client.read_holding_registers(65535, 1, slave=1)).registers,
}
ok(client.write_register(100, 4321, slave=1))
ok(client.write_registers(101, [7, 8, 9], slave=1))
ok(client.write_coil(50, True, slave=1))
ok(client.write_coils(60, [True, False, True], slave=1))
# pymodbus 3.0 builds this request from keyword arguments only and takes the unit id as "unit", not "slave".
result["readwrite"] = ok(client.readwrite_registers(read_address=100, read_count=4, write_address=104, write_registers=[55], unit=1)).registers
client.close()
print(json.dumps(result))
