using System.Reflection;

namespace PyAirtable.Runtime.Catalog;

/// <summary>Which class implements which grain interface, and which class a type name stands for.</summary>
internal sealed class GrainTypeRegistry
{
    private static readonly HashSet<Type> s_markerInterfaces =
        [typeof(IGrain), typeof(IGrainWithStringKey), typeof(IGrainWithGuidKey), typeof(IRemindable)];

    private readonly Dictionary<Type, GrainClass> _byInterface = new();
    private readonly Dictionary<string, GrainClass> _byTypeName = new(StringComparer.Ordinal);

    public GrainTypeRegistry(IEnumerable<Type> grainClasses)
    {
        foreach (var classType in grainClasses.Distinct())
        {
            var grainClass = new GrainClass(classType);
            if (!_byTypeName.TryAdd(grainClass.TypeName, grainClass))
            {
                throw new InvalidOperationException(
                    $"Grain classes {_byTypeName[grainClass.TypeName].ClassType.FullName} and {classType.FullName} share the type name '{grainClass.TypeName}'; give one a [GrainType].");
            }

            foreach (var grainInterface in classType.GetInterfaces().Where(IsGrainInterface))
            {
                if (!_byInterface.TryAdd(grainInterface, grainClass))
                {
                    throw new InvalidOperationException(
                        $"Grain interface {grainInterface.Name} is implemented by both {_byInterface[grainInterface].ClassType.Name} and {classType.Name}.");
                }
            }
        }
    }

    public IEnumerable<GrainClass> Classes => _byTypeName.Values;

    public static IEnumerable<Type> FindGrainClasses(Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t));

    public GrainClass GetByInterface(Type grainInterface) =>
        _byInterface.TryGetValue(grainInterface, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class implements {grainInterface.Name}; register its assembly with AddGrains.");

    public GrainClass GetByTypeName(string typeName) =>
        _byTypeName.TryGetValue(typeName, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class has the type name '{typeName}'.");

    private static bool IsGrainInterface(Type type) => typeof(IGrain).IsAssignableFrom(type) && !s_markerInterfaces.Contains(type);
}
