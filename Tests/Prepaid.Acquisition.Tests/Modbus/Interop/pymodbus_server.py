"""Independent Modbus peer for interoperability tests: a pymodbus 3.0 server on 127.0.0.1.

Usage: pymodbus_server.py {tcp|rtu} PORT
Unit 1 holds: holding register i = 1000 + i, input register i = 2000 + i (i < 200),
coil i = (i % 3 == 0), discrete input i = (i % 2 == 0). Addresses are 0-based (zero_mode=True).
"""
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

logging.basicConfig(level=logging.ERROR)

framing, port = sys.argv[1], int(sys.argv[2])
unit = ModbusSlaveContext(
    hr=ModbusSequentialDataBlock(0, [1000 + i for i in range(200)]),
    ir=ModbusSequentialDataBlock(0, [2000 + i for i in range(200)]),
    co=ModbusSequentialDataBlock(0, [i % 3 == 0 for i in range(200)]),
    di=ModbusSequentialDataBlock(0, [i % 2 == 0 for i in range(200)]),
    zero_mode=True,
)
context = ModbusServerContext(slaves={1: unit}, single=False)
framer = ModbusRtuFramer if framing == "rtu" else ModbusSocketFramer
StartTcpServer(context=context, framer=framer, address=("127.0.0.1", port))
