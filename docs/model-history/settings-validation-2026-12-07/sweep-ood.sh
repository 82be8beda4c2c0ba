#!/usr/bin/env bash
# The out-of-distribution percentile chosen on validation data: the non-chest-radiograph images
# here are CT slices of the CT patients outside the test split (training and validation patients;
# the test patients LIDC-IDRI-0002 and cap002 are left for the test run) and pydicom's MR/CT files;
# the in-distribution cost is 100 - P % of each source's validation images by construction.
set -u
cd /work/train1
for P in 97 99 95 99.5 98; do
  ./radsynth-cli-ood evaluate --bundle val-bundle --data train-128.rsc --tasks F2L --limit 1 --downstream 0 --threads 1 --seed 1     --validation-limit 0 --real "" --ood-percentile $P     --ood-set "ct-val=/work/shared/data/ct/C3N-00247.nii.gz,/work/shared/data/ct/LIDC-IDRI-0001.nii.gz,/work/shared/data/ct/Lung_Dx-A0001.nii.gz,/work/shared/data/ct/Lung_Dx-A0002.nii.gz,/work/shared/data/ct/P001.nii.gz,/work/shared/data/ct/P002.nii.gz,/work/shared/data/ct/RICORD-000082.nii.gz,/work/shared/data/ct/RICORD-001012.nii.gz,/work/shared/data/ct/normal001.nii.gz,/work/shared/data/ct/itkelastix_00.nii.gz"     --ood-set "mr-ct-val=/work/shared/data/dicom/pydicom/MR_small.dcm,/work/shared/data/dicom/pydicom/CT_small.dcm,/work/shared/data/dicom/pydicom/MR_small_RLE.dcm"     --out val-ood-p$P > val-ood-p$P.log 2>&1
done
echo OOD-SWEEP-DONE
