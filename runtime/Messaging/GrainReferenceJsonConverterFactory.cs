using System.Text.Json;
using System.Text.Json.Serialization;

namespace PyAirtable.Runtime.Messaging;

/// <summary>Writes a grain reference as its <c>type/key</c> id and reads it back as a reference, so references can live in state.</summary>
internal sealed class GrainReferenceJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    private sealed class Converter<TGrain> : JsonConverter<TGrain>
        where TGrain : class, IGrain
    {
        public override TGrain? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (text is null)
            {
                return null;
            }

            var runtime = SiloRuntime.Ambient
                ?? throw new JsonException("A grain reference can only be read inside a running silo.");
            return (TGrain)GrainReferenceProxy.Create(typeof(TGrain), runtime, GrainId.Parse(text));
        }

        public override void Write(Utf8JsonWriter writer, TGrain value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.GetGrainId().ToString());
    }
}
