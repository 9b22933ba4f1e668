using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Prepaid.App.Tests.Architecture;

/// <summary>
/// Every type one assembly's types reference, read from the IL: signatures, fields, attributes, generic arguments
/// and method bodies (locals, calls, field accesses, type tokens), nested and compiler-generated types included.
/// </summary>
internal static class AssemblyReferences
{
    /// <summary>One reference from a type to another.</summary>
    public sealed record Reference(string FromNamespace, string FromType, string ToNamespace, string ToType);

    public static IReadOnlyList<Reference> Of(string assemblyPath)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var references = new HashSet<Reference>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var from = Outermost(type);
            void Add(TypeReference? to)
            {
                switch (to)
                {
                    case null:
                        return;
                    case GenericInstanceType generic:
                        foreach (var argument in generic.GenericArguments)
                        {
                            Add(argument);
                        }

                        Add(generic.ElementType);
                        return;
                    case TypeSpecification specification:
                        Add(specification.ElementType);
                        return;
                    case GenericParameter:
                        return;
                }

                var target = Outermost(to);
                references.Add(new Reference(from.Namespace, from.Name, target.Namespace, target.Name));
            }

            Add(type.BaseType);
            foreach (var i in type.Interfaces)
            {
                Add(i.InterfaceType);
            }

            foreach (var a in type.CustomAttributes)
            {
                Add(a.AttributeType);
            }

            foreach (var f in type.Fields)
            {
                Add(f.FieldType);
            }

            foreach (var p in type.Properties)
            {
                Add(p.PropertyType);
            }

            foreach (var m in type.Methods)
            {
                Add(m.ReturnType);
                foreach (var p in m.Parameters)
                {
                    Add(p.ParameterType);
                }

                foreach (var a in m.CustomAttributes)
                {
                    Add(a.AttributeType);
                }

                if (!m.HasBody)
                {
                    continue;
                }

                foreach (var v in m.Body.Variables)
                {
                    Add(v.VariableType);
                }

                foreach (var instruction in m.Body.Instructions)
                {
                    switch (instruction.Operand)
                    {
                        case TypeReference t:
                            Add(t);
                            break;
                        case MethodReference method:
                            Add(method.DeclaringType);
                            Add(method.ReturnType);
                            foreach (var p in method.Parameters)
                            {
                                Add(p.ParameterType);
                            }

                            if (method is GenericInstanceMethod g)
                            {
                                foreach (var argument in g.GenericArguments)
                                {
                                    Add(argument);
                                }
                            }

                            break;
                        case FieldReference field:
                            Add(field.DeclaringType);
                            Add(field.FieldType);
                            break;
                    }
                }
            }
        }

        return [.. references];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
