/**
 * The images and flavors Nova knows. A create naming anything else gets a 400. Tests can seed more images.
 */
export interface ImageRecord {
  readonly id: string;
  readonly name: string;
}

export const DEFAULT_IMAGES: readonly ImageRecord[] = [
  { id: '0a7f3c1e-5b2d-4c1a-9e7f-1d2c3b4a5f60', name: 'Ubuntu 24.04 LTS (Noble Numbat) (PVHVM)' },
  { id: '3cfd5e6a-8f1b-4a5c-b2d3-6e7f8091a2b3', name: 'Debian 12 (Bookworm) (PVHVM)' },
  { id: '9e1d2c3b-4a5f-4e6d-8c7b-0a1b2c3d4e5f', name: 'CentOS Stream 9 (PVHVM)' },
];

export const DEFAULT_FLAVORS: readonly string[] = [
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  'general1-1',
  'general1-2',
  'general1-4',
  'general1-8',
  'compute1-4',
  'compute1-8',
  'memory1-2',
  'memory1-4',
  'io1-15',
  'performance1-1',
  'performance1-2',
  'performance1-4',
  'performance1-8',
  'performance2-15',
];
