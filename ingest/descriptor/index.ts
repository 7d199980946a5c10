export {
  type Descriptor,
  DescriptorContentError,
  type DescriptorOptions,
  type DescriptorSite,
  parseAddress,
  parseDescriptor,
  siteOfAddress,
} from './parseDescriptor';
export {
  DESCRIPTOR_VERSION,
  type DescriptorInput,
  descriptorJsonSchema,
  descriptorSchema,
} from './schema';
